extension ModbusRTUCodec {
    /// Exception code: the function is not supported.
    public static let illegalFunction: UInt8 = 0x01
    /// Exception code: the address (or address span) does not exist.
    public static let illegalDataAddress: UInt8 = 0x02
    /// Exception code: the value is not allowed (FC05 other than FF00/0000).
    public static let illegalDataValue: UInt8 = 0x03

    /// Device-side framing of requests. Functions this codec does not speak are
    /// framed as the common 8-byte request when their CRC holds, so a device can
    /// answer them with exception 01; otherwise their first byte is noise.
    public static func scanRequest(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        guard bytes.count >= 2 else { return .needMore }
        let length: Int
        switch bytes.frameByte(at: 1) {
        case readCoilsFunction, readInputsFunction, writeCoilFunction:
            length = 8
        case writeCoilsFunction:
            guard bytes.count > 6 else { return .needMore }
            let byteCount = Int(bytes.frameByte(at: 6))
            guard (1...(writeCountRange.upperBound + 7) / 8).contains(byteCount) else { return .noise }
            length = 9 + byteCount
        default:
            guard bytes.count >= 8 else { return .needMore }
            return ModbusCRC16.isValid(bytes, length: 8) ? .complete(length: 8) : .noise
        }
        guard bytes.count >= length else { return .needMore }
        return ModbusCRC16.isValid(bytes, length: length) ? .complete(length: length) : .corrupt(length: length)
    }

    /// Parses one whole request (device side). FC05 to 0x0200... is a pulse.
    /// Out-of-range addresses throw `outOfRange`, unknown functions and FC05
    /// values other than FF00/0000 throw `unexpectedFrame`.
    public static func decodeRequest(_ frame: ArraySlice<UInt8>) throws(CodecError) -> ModbusRequest {
        guard frame.count >= 8 else { throw CodecError.wrongLength(expected: 8, actual: frame.count) }
        try checkCRC(frame)
        let unit = try CodecFields.check("unit", Int(frame.frameByte(at: 0)), in: unitRange)
        let function = frame.frameByte(at: 1)
        let address = word(frame, at: 2)
        let value = word(frame, at: 4)
        switch function {
        case readCoilsFunction, readInputsFunction:
            try CodecFields.expectLength(frame, 8)
            try checkSpan(start: address, count: value, counts: readCountRange)
            return function == readCoilsFunction
                ? .readCoils(unit: unit, start: address, count: value)
                : .readInputs(unit: unit, start: address, count: value)
        case writeCoilFunction:
            try CodecFields.expectLength(frame, 8)
            return try decodeWriteCoil(unit: unit, address: address, value: value)
        case writeCoilsFunction:
            let byteCount = Int(frame.frameByte(at: 6))
            try CodecFields.expectLength(frame, 9 + byteCount)
            try checkSpan(start: address, count: value, counts: writeCountRange)
            guard byteCount == (value + 7) / 8 else {
                throw CodecError.unexpectedFrame("FC0F carries \(byteCount) data bytes for \(value) coils")
            }
            let data = frame[(frame.startIndex + 7)..<(frame.startIndex + 7 + byteCount)]
            return .writeCoils(unit: unit, start: address, values: Array(CodecFields.bits(of: data).prefix(value)))
        default:
            throw CodecError.unexpectedFrame("unsupported Modbus function \(Hex.byte(function))")
        }
    }

    static func decodeWriteCoil(unit: Int, address: Int, value: Int) throws(CodecError) -> ModbusRequest {
        let pulseAddresses = pulseBase...(pulseBase + pulseChannelRange.upperBound - 1)
        if pulseAddresses.contains(address) {
            let tenths = try CodecFields.check("pulse tenths", value, in: pulseTenthsRange)
            return .pulseCoil(unit: unit, channel: address - pulseBase + 1, tenths: tenths)
        }
        let coil = try CodecFields.check("coil", address, in: coilRange)
        switch UInt16(value) {
        case coilOn: return .writeCoil(unit: unit, coil: coil, on: true)
        case coilOff: return .writeCoil(unit: unit, coil: coil, on: false)
        default: throw CodecError.unexpectedFrame("FC05 value \(value) is neither FF00 nor 0000")
        }
    }

    /// A device's response bytes, CRC included.
    public static func encode(response: ModbusResponse) throws(CodecError) -> [UInt8] {
        switch response {
        case let .coilWritten(unit, address, value):
            let address = try CodecFields.check("address", address, in: addressRange)
            return ModbusCRC16.sealed([try unitByte(unit), writeCoilFunction] + word(address) + word(Int(value)))
        case let .bits(unit, function, values):
            guard function == readCoilsFunction || function == readInputsFunction else {
                throw CodecError.unexpectedFrame("bit data answers FC01 or FC02, not \(Hex.byte(function))")
            }
            _ = try CodecFields.check("bit count", values.count, in: 1...((readCountRange.upperBound + 7) / 8 * 8))
            let data = CodecFields.bytes(of: values)
            return ModbusCRC16.sealed([try unitByte(unit), function, UInt8(data.count)] + data)
        case let .coilsWritten(unit, start, count):
            try checkSpan(start: start, count: count, counts: writeCountRange)
            return ModbusCRC16.sealed([try unitByte(unit), writeCoilsFunction] + word(start) + word(count))
        case let .exception(unit, function, code):
            guard function & exceptionFlag == 0 else {
                throw CodecError.unexpectedFrame("exception function \(Hex.byte(function)) already has 0x80 set")
            }
            return ModbusCRC16.sealed([try unitByte(unit), function | exceptionFlag, code])
        }
    }
}
