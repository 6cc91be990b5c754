/// Frames of Modbus RTU relay boards (`UNIT FC DATA CRC16`), host side. Pure.
public enum ModbusRTUCodec {
    static let readCoilsFunction: UInt8 = 0x01
    static let readInputsFunction: UInt8 = 0x02
    static let writeCoilFunction: UInt8 = 0x05
    static let writeCoilsFunction: UInt8 = 0x0F
    static let exceptionFlag: UInt8 = 0x80
    static let coilOn: UInt16 = 0xFF00
    static let coilOff: UInt16 = 0x0000

    /// Unit ids: 0 is a broadcast nobody answers; 248-255 are reserved by Modbus
    /// but Waveshare relay boards answer 0xFF, so they are allowed.
    public static let unitRange = 1...255
    /// Plain coil addresses; the Waveshare pulse window starts at 0x0200.
    public static let coilRange = 0...0x01FF
    /// Base address of the board-timed pulse coils.
    public static let pulseBase = 0x0200
    /// Channels a pulse can address (0x0200...0x02FE).
    public static let pulseChannelRange = LockBoardProtocol.modbusRelay.channelRange
    /// Pulse lengths in 100 ms units.
    public static let pulseTenthsRange = 1...0xFFFF
    /// Bits one FC01/FC02 request may read (Modbus limit).
    public static let readCountRange = 1...2000
    /// Coils one FC0F request may write (Modbus limit).
    public static let writeCountRange = 1...1968
    /// Data bytes an FC01/FC02 reply may carry: those of 1...2000 bits.
    static let readByteCountRange = 1...((readCountRange.upperBound + 7) / 8)
    static let addressRange = 0...0xFFFF

    /// The request's bytes, CRC included.
    public static func encode(_ request: ModbusRequest) throws(CodecError) -> [UInt8] {
        switch request {
        case let .writeCoil(unit, coil, on):
            let coil = try CodecFields.check("coil", coil, in: coilRange)
            let value = Int(on ? coilOn : coilOff)
            return ModbusCRC16.sealed([try unitByte(unit), writeCoilFunction] + word(coil) + word(value))
        case let .pulseCoil(unit, channel, tenths):
            let channel = try CodecFields.check("channel", channel, in: pulseChannelRange)
            let tenths = try CodecFields.check("pulse tenths", tenths, in: pulseTenthsRange)
            let address = pulseBase + channel - 1
            return ModbusCRC16.sealed([try unitByte(unit), writeCoilFunction] + word(address) + word(tenths))
        case let .readCoils(unit, start, count):
            return try readFrame(unit: unit, function: readCoilsFunction, start: start, count: count)
        case let .readInputs(unit, start, count):
            return try readFrame(unit: unit, function: readInputsFunction, start: start, count: count)
        case let .writeCoils(unit, start, values):
            try checkSpan(start: start, count: values.count, counts: writeCountRange)
            let data = CodecFields.bytes(of: values)
            let head = [try unitByte(unit), writeCoilsFunction] + word(start) + word(values.count)
            return ModbusCRC16.sealed(head + [UInt8(data.count)] + data)
        }
    }

    /// Host-side framing of the unit's reply to `request`, exception replies included.
    public static func scanReply(_ bytes: ArraySlice<UInt8>, to request: ModbusRequest) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        guard Int(first) == unit(of: request) else { return .noise }
        guard bytes.count > 1 else { return .needMore }
        let function = function(of: request)
        let length: Int
        switch bytes.frameByte(at: 1) {
        case function | exceptionFlag:
            length = 5
        case function where function == readCoilsFunction || function == readInputsFunction:
            guard bytes.count > 2 else { return .needMore }
            let byteCount = Int(bytes.frameByte(at: 2))
            guard readByteCountRange.contains(byteCount) else { return .noise }
            length = 5 + byteCount
        case function:
            length = 8
        default:
            return .noise
        }
        guard bytes.count >= length else { return .needMore }
        return ModbusCRC16.isValid(bytes, length: length) ? .complete(length: length) : .corrupt(length: length)
    }

    /// Parses one whole reply to `request`; an exception reply is returned, not thrown.
    public static func decodeReply(
        _ frame: ArraySlice<UInt8>, to request: ModbusRequest
    ) throws(CodecError) -> ModbusResponse {
        guard frame.count >= 5 else { throw CodecError.wrongLength(expected: 5, actual: frame.count) }
        try checkCRC(frame)
        let unit = Int(frame.frameByte(at: 0))
        guard unit == self.unit(of: request) else {
            throw CodecError.unexpectedFrame("reply from unit \(unit), expected \(self.unit(of: request))")
        }
        let function = self.function(of: request)
        let wireFunction = frame.frameByte(at: 1)
        if wireFunction == function | exceptionFlag {
            try CodecFields.expectLength(frame, 5)
            return .exception(unit: unit, function: function, code: frame.frameByte(at: 2))
        }
        guard wireFunction == function else {
            throw CodecError.unexpectedFrame("function \(Hex.byte(wireFunction)), expected \(Hex.byte(function))")
        }
        switch function {
        case readCoilsFunction, readInputsFunction:
            // The byte counts the scanner frames; no request reads zero bits.
            let byteCount = try CodecFields.check("byte count", Int(frame.frameByte(at: 2)), in: readByteCountRange)
            try CodecFields.expectLength(frame, 5 + byteCount)
            let data = frame[(frame.startIndex + 3)..<(frame.startIndex + 3 + byteCount)]
            return .bits(unit: unit, function: function, values: CodecFields.bits(of: data))
        case writeCoilFunction:
            try CodecFields.expectLength(frame, 8)
            return .coilWritten(unit: unit, address: word(frame, at: 2), value: UInt16(word(frame, at: 4)))
        default:
            try CodecFields.expectLength(frame, 8)
            // The span a write could have had: FC0F writes 1...1968 coils inside the address space.
            let start = word(frame, at: 2)
            let count = word(frame, at: 4)
            try checkSpan(start: start, count: count, counts: writeCountRange)
            return .coilsWritten(unit: unit, start: start, count: count)
        }
    }

    static func unit(of request: ModbusRequest) -> Int {
        switch request {
        case let .writeCoil(unit, _, _), let .pulseCoil(unit, _, _), let .readCoils(unit, _, _),
            let .readInputs(unit, _, _), let .writeCoils(unit, _, _):
            unit
        }
    }

    static func function(of request: ModbusRequest) -> UInt8 {
        switch request {
        case .writeCoil, .pulseCoil: writeCoilFunction
        case .readCoils: readCoilsFunction
        case .readInputs: readInputsFunction
        case .writeCoils: writeCoilsFunction
        }
    }

    static func readFrame(unit: Int, function: UInt8, start: Int, count: Int) throws(CodecError) -> [UInt8] {
        try checkSpan(start: start, count: count, counts: readCountRange)
        return ModbusCRC16.sealed([try unitByte(unit), function] + word(start) + word(count))
    }

    /// `count` in `counts` and the whole span inside the 16-bit address space.
    static func checkSpan(start: Int, count: Int, counts: ClosedRange<Int>) throws(CodecError) {
        _ = try CodecFields.check("start", start, in: addressRange)
        _ = try CodecFields.check("count", count, in: counts.lowerBound...min(counts.upperBound, 0x10000 - start))
    }

    static func unitByte(_ unit: Int) throws(CodecError) -> UInt8 {
        UInt8(try CodecFields.check("unit", unit, in: unitRange))
    }

    /// A 16-bit value, high byte first as Modbus sends registers and addresses.
    static func word(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func word(_ frame: ArraySlice<UInt8>, at offset: Int) -> Int {
        Int(frame.frameByte(at: offset)) << 8 | Int(frame.frameByte(at: offset + 1))
    }

    static func checkCRC(_ frame: ArraySlice<UInt8>) throws(CodecError) {
        guard !ModbusCRC16.isValid(frame, length: frame.count) else { return }
        // CodecError's checksum fields are one byte: report the first CRC byte that differs.
        let crc = ModbusCRC16.checksum(frame.dropLast(2))
        let low = frame.frameByte(at: frame.count - 2)
        if low != UInt8(crc & 0xFF) { throw CodecError.badChecksum(expected: UInt8(crc & 0xFF), actual: low) }
        throw CodecError.badChecksum(expected: UInt8(crc >> 8), actual: frame.frameByte(at: frame.count - 1))
    }
}
