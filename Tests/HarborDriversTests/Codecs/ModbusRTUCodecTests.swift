import Testing
@testable import HarborDrivers

@Suite struct ModbusRTUCodecTests {
    private typealias F = FrameFixtures

    static let verifiedRequests: [(ModbusRequest, String)] = [
        (.writeCoil(unit: 1, coil: 0, on: true), "01 05 00 00 FF 00 8C 3A"),
        (.writeCoil(unit: 1, coil: 0, on: false), "01 05 00 00 00 00 CD CA"),
        (.pulseCoil(unit: 1, channel: 1, tenths: 7), "01 05 02 00 00 07 8D B0"),
        (.readCoils(unit: 1, start: 0, count: 8), "01 01 00 00 00 08 3D CC"),
        (.readInputs(unit: 0xFF, start: 0, count: 8), "FF 02 00 00 00 08 6C 12"),
    ]

    @Test(arguments: verifiedRequests)
    func encodesVerifiedRequest(request: ModbusRequest, frame: String) throws {
        #expect(try ModbusRTUCodec.encode(request) == F.hex(frame))
        #expect(ModbusRTUCodec.scanRequest(F.shifted(F.hex(frame))) == .complete(length: 8))
        #expect(try ModbusRTUCodec.decodeRequest(F.shifted(F.hex(frame))) == request)
    }

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(ModbusCRC16.checksum(Array("123456789".utf8)) == 0x4B37)
        #expect(ModbusCRC16.checksum(F.hex("01 05 00 00 FF 00")) == 0x3A8C)
    }

    @Test func decodesReplies() throws {
        let on = ModbusRequest.writeCoil(unit: 1, coil: 0, on: true)
        #expect(try ModbusRTUCodec.decodeReply(F.shifted(F.hex("01 05 00 00 FF 00 8C 3A")), to: on)
            == .coilWritten(unit: 1, address: 0, value: 0xFF00))
        let pulse = ModbusRequest.pulseCoil(unit: 1, channel: 1, tenths: 7)
        #expect(try ModbusRTUCodec.decodeReply(F.shifted(F.hex("01 05 02 00 00 07 8D B0")), to: pulse)
            == .coilWritten(unit: 1, address: 0x0200, value: 7))
        let read = ModbusRequest.readCoils(unit: 1, start: 0, count: 8)
        #expect(ModbusRTUCodec.scanReply(F.shifted(F.hex("01 01 01 00 51 88")), to: read) == .complete(length: 6))
        #expect(try ModbusRTUCodec.decodeReply(F.shifted(F.hex("01 01 01 00 51 88")), to: read)
            == .bits(unit: 1, function: 0x01, values: Array(repeating: false, count: 8)))
    }

    @Test func exceptionReplyIsRecognisedAndReturned() throws {
        let read = ModbusRequest.readCoils(unit: 1, start: 0, count: 8)
        let frame = F.hex("01 81 02 C1 91")
        #expect(ModbusRTUCodec.scanReply(F.shifted(frame), to: read) == .complete(length: 5))
        #expect(try ModbusRTUCodec.decodeReply(F.shifted(frame), to: read) == .exception(unit: 1, function: 0x01, code: 2))
        #expect(try ModbusRTUCodec.encode(response: .exception(unit: 1, function: 0x01, code: 2)) == frame)
        #expect(ModbusRTUCodec.scanReply(F.shifted(frame), to: .readInputs(unit: 1, start: 0, count: 8)) == .noise)
    }

    @Test func scannerVerdicts() {
        let on = ModbusRequest.writeCoil(unit: 1, coil: 0, on: true)
        let result = F.scanPastNoise(F.hex("FA FD 99 99 01 05 00 00 FF 00 8C 3A")) { ModbusRTUCodec.scanReply($0, to: on) }
        #expect(result.noise == [0, 1, 2, 3])
        #expect(result.verdict == .complete(length: 8))
        #expect(ModbusRTUCodec.scanReply(F.shifted(F.hex("02 05 00 00 FF 00 8C 09")), to: on) == .noise)
        #expect(ModbusRTUCodec.scanReply(F.shifted(F.hex("01 05 00 00 FF 00 8C 3B")), to: on) == .corrupt(length: 8))
        #expect(ModbusRTUCodec.scanReply(F.shifted(F.hex("01 05 00 00")), to: on) == .needMore)
        let read = ModbusRequest.readCoils(unit: 1, start: 0, count: 8)
        #expect(ModbusRTUCodec.scanReply(F.shifted(F.hex("01 01 01")), to: read) == .needMore)
        #expect(ModbusRTUCodec.scanReply(F.shifted(F.hex("01 01 00")), to: read) == .noise)
        #expect(ModbusRTUCodec.scanRequest(F.shifted(F.hex("01 05 00 00 FF 00 8C 3B"))) == .corrupt(length: 8))
        #expect(ModbusRTUCodec.scanRequest(F.shifted(F.hex("01 0F 00 00 00 03 01"))) == .needMore)
    }

    @Test func deviceFramesUnknownFunctionsWithAValidCRC() throws {
        let readHolding = ModbusCRC16Fixture.sealed(F.hex("01 03 00 00 00 01"))
        #expect(ModbusRTUCodec.scanRequest(F.shifted(readHolding)) == .complete(length: 8))
        #expect(throws: CodecError.self) { try ModbusRTUCodec.decodeRequest(F.shifted(readHolding)) }
        var garbled = readHolding
        garbled[7] ^= 0xFF
        #expect(ModbusRTUCodec.scanRequest(F.shifted(garbled)) == .noise)
    }

    @Test func decoderRejectsWrongFrames() {
        let on = ModbusRequest.writeCoil(unit: 1, coil: 0, on: true)
        #expect(throws: CodecError.badChecksum(expected: 0x3A, actual: 0x3B)) {
            try ModbusRTUCodec.decodeReply(F.shifted(F.hex("01 05 00 00 FF 00 8C 3B")), to: on)
        }
        #expect(throws: CodecError.self) {
            try ModbusRTUCodec.decodeReply(F.shifted(F.hex("01 01 01 00 51 88")), to: on)
        }
        let badValue = ModbusCRC16Fixture.sealed(F.hex("01 05 00 00 12 34"))
        #expect(throws: CodecError.self) { try ModbusRTUCodec.decodeRequest(F.shifted(badValue)) }
    }

    @Test func encodersRejectOutOfRangeFields() {
        let requests: [ModbusRequest] = [
            .writeCoil(unit: 0, coil: 0, on: true), .writeCoil(unit: 256, coil: 0, on: true),
            .writeCoil(unit: 1, coil: 0x0200, on: true), .pulseCoil(unit: 1, channel: 0, tenths: 5),
            .pulseCoil(unit: 1, channel: 1, tenths: 0), .pulseCoil(unit: 1, channel: 1, tenths: 0x10000),
            .readCoils(unit: 1, start: 0, count: 0), .readInputs(unit: 1, start: 0xFFFF, count: 2),
            .readCoils(unit: 1, start: 0, count: 2001), .writeCoils(unit: 1, start: 0, values: []),
        ]
        for request in requests {
            #expect(F.isOutOfRange { () throws(CodecError) in try ModbusRTUCodec.encode(request) }, "\(request)")
        }
        #expect(F.isOutOfRange { () throws(CodecError) in
            try ModbusRTUCodec.encode(response: .coilWritten(unit: 1, address: 0x10000, value: 0))
        })
    }

    static let everyRequest: [ModbusRequest] = [
        .writeCoil(unit: 1, coil: 0x00FF, on: true), .writeCoil(unit: 247, coil: 7, on: false),
        .pulseCoil(unit: 3, channel: 8, tenths: 0xFFFF), .readCoils(unit: 1, start: 0, count: 8),
        .readInputs(unit: 2, start: 4, count: 13),
        .writeCoils(unit: 1, start: 2, values: [true, false, true, true, false, false, false, true, true]),
    ]

    @Test(arguments: everyRequest)
    func requestRoundTrip(request: ModbusRequest) throws {
        let frame = try ModbusRTUCodec.encode(request)
        #expect(ModbusRTUCodec.scanRequest(F.shifted(frame)) == .complete(length: frame.count))
        #expect(try ModbusRTUCodec.decodeRequest(F.shifted(frame)) == request)
    }

    static let everyResponse: [(ModbusResponse, ModbusRequest)] = [
        (.coilWritten(unit: 1, address: 0x0203, value: 10), .pulseCoil(unit: 1, channel: 4, tenths: 10)),
        (.bits(unit: 1, function: 0x01, values: (0..<16).map { $0 % 3 == 0 }), .readCoils(unit: 1, start: 0, count: 16)),
        (.bits(unit: 9, function: 0x02, values: (0..<8).map { $0 == 7 }), .readInputs(unit: 9, start: 0, count: 8)),
        (.coilsWritten(unit: 1, start: 2, count: 9), .writeCoils(unit: 1, start: 2, values: Array(repeating: true, count: 9))),
        (.exception(unit: 4, function: 0x05, code: 3), .writeCoil(unit: 4, coil: 1, on: true)),
    ]

    @Test(arguments: everyResponse)
    func responseRoundTrip(response: ModbusResponse, request: ModbusRequest) throws {
        let frame = try ModbusRTUCodec.encode(response: response)
        #expect(ModbusRTUCodec.scanReply(F.shifted(frame), to: request) == .complete(length: frame.count))
        #expect(try ModbusRTUCodec.decodeReply(F.shifted(frame), to: request) == response)
    }
}

/// Seals test bodies with the codec's CRC, for frames the fact sheet does not list.
private enum ModbusCRC16Fixture {
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        let crc = ModbusCRC16.checksum(body)
        return body + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }
}
