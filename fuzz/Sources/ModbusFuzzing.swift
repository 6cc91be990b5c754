/// Modbus RTU relay boards: device-side request decoding, host-side reply decoding
/// against the requests the bytes could answer, and the CRC itself.
enum ModbusFuzzing {
    static func exercise(_ bytes: ArraySlice<UInt8>) {
        crc(bytes)
        requests(bytes)
        for request in askedRequests(bytes) {
            replies(bytes, to: request)
        }
    }

    /// A Modbus CRC appended low byte first makes the CRC of the whole frame zero.
    static func crc(_ bytes: ArraySlice<UInt8>) {
        let sealed = ModbusCRC16.sealed(Array(bytes))
        guard ModbusCRC16.checksum(sealed) == 0, ModbusCRC16.isValid(sealed[...], length: sealed.count) else {
            FuzzChecks.broken("modbus crc", "\(Hex.string(sealed)) does not check")
        }
    }

    static func requests(_ bytes: ArraySlice<UInt8>) {
        // FC0F pads its last data byte: values are compared, not bytes.
        FuzzChecks.scanDecodeRoundTrip(
            bytes, codec: "modbus request", scan: ModbusRTUCodec.scanRequest,
            decode: { (slice) throws(CodecError) in try ModbusRTUCodec.decodeRequest(slice) },
            encode: { (request) throws(CodecError) in try ModbusRTUCodec.encode(request) })
    }

    static func replies(_ bytes: ArraySlice<UInt8>, to request: ModbusRequest) {
        FuzzChecks.scanDecodeRoundTrip(
            bytes, codec: "modbus reply to \(request)", scan: { ModbusRTUCodec.scanReply($0, to: request) },
            decode: { (slice) throws(CodecError) in try ModbusRTUCodec.decodeReply(slice, to: request) },
            encode: { (response) throws(CodecError) in try ModbusRTUCodec.encode(response: response) })
    }

    /// Each request kind to the unit the first byte names, with the address and
    /// count the bytes carry where those are valid (else small valid ones).
    static func askedRequests(_ bytes: ArraySlice<UInt8>) -> [ModbusRequest] {
        guard let first = bytes.first else { return [] }
        let unit = Int(first)
        let address = bytes.count > 3 ? ModbusRTUCodec.word(bytes, at: 2) : 0
        let count = bytes.count > 5 ? ModbusRTUCodec.word(bytes, at: 4) : 8
        let candidates: [ModbusRequest] = [
            .writeCoil(unit: unit, coil: address, on: true), .writeCoil(unit: unit, coil: 0, on: false),
            .pulseCoil(unit: unit, channel: 1, tenths: 7),
            .readCoils(unit: unit, start: address, count: count), .readCoils(unit: unit, start: 0, count: 8),
            .readInputs(unit: unit, start: address, count: count), .readInputs(unit: unit, start: 0, count: 8),
            .writeCoils(unit: unit, start: 0, values: [true, false, true]),
        ]
        return candidates.filter { (try? ModbusRTUCodec.encode($0)) != nil }
    }
}
