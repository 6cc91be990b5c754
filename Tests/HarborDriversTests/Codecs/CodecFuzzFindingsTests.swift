import Testing
@testable import HarborDrivers

/// Frames libFuzzer found (scripts/fuzz-codecs): each decoded, checksum and all,
/// to a value the codec's own encoder refuses, so a reply answered no request the
/// gateway can send. The decoders now refuse them as the encoders do.
@Suite struct CodecFuzzFindingsTests {
    private typealias F = FrameFixtures

    /// Which decoder a finding goes through, with the request it answers.
    enum Decoder: Sendable {
        case cuXorReply(CUXorCommand?)
        case modbusReply(ModbusRequest)

        func decode(_ frame: ArraySlice<UInt8>) throws(CodecError) {
            switch self {
            case let .cuXorReply(command): _ = try CUXorCodec.decodeReply(frame, to: command)
            case let .modbusReply(request): _ = try ModbusRTUCodec.decodeReply(frame, to: request)
            }
        }
    }

    struct Finding: Sendable, CustomTestStringConvertible {
        let name: String
        let frame: [UInt8]
        let decoder: Decoder
        let refusal: CodecError
        var testDescription: String { name }
    }

    static let findings: [Finding] = [
        Finding(
            name: "CU report from board 130", frame: F.hex("82 82 00 00 00"), decoder: .cuXorReply(nil),
            refusal: .outOfRange(field: "board", value: 130, range: 1...31)),
        Finding(
            name: "CU report about lock 51", frame: F.hex("82 01 33 00 B0"), decoder: .cuXorReply(nil),
            refusal: .outOfRange(field: "lock", value: 51, range: 0...50)),
        Finding(
            name: "CU multi-open echo naming no lock", frame: F.hex("90 01 00 00 00 91"),
            decoder: .cuXorReply(.multiOpen(board: 1, locks: [1])),
            refusal: .outOfRange(field: "lock count", value: 0, range: 1...24)),
        Finding(
            name: "Modbus FC01 reply with no data byte", frame: F.hex("01 01 00 21 90"),
            decoder: .modbusReply(.readCoils(unit: 1, start: 0, count: 8)),
            refusal: .outOfRange(field: "byte count", value: 0, range: 1...250)),
        Finding(
            name: "Modbus FC02 reply with 251 data bytes",
            frame: ModbusCRC16.sealed([1, 2, 251] + [UInt8](repeating: 0, count: 251)),
            decoder: .modbusReply(.readInputs(unit: 1, start: 0, count: 8)),
            refusal: .outOfRange(field: "byte count", value: 251, range: 1...250)),
        Finding(
            name: "Modbus FC0F echo of zero coils", frame: F.hex("01 0F 00 00 00 00 55 CB"),
            decoder: .modbusReply(.writeCoils(unit: 1, start: 0, values: [true])),
            refusal: .outOfRange(field: "count", value: 0, range: 1...1968)),
        Finding(
            name: "Modbus FC0F echo past the address space", frame: F.hex("01 0F FF FF 00 02 D4 2E"),
            decoder: .modbusReply(.writeCoils(unit: 1, start: 0, values: [true])),
            refusal: .outOfRange(field: "count", value: 2, range: 1...1)),
    ]

    @Test(arguments: findings)
    func decoderRefusesWhatItsEncoderCannotWrite(finding: Finding) {
        #expect(throws: finding.refusal) { try finding.decoder.decode(F.shifted(finding.frame)) }
    }

    /// The edges next to each finding still decode and round-trip.
    @Test func neighboursOfTheFindingsStillDecode() throws {
        let report = try CUXorCodec.decodeReply(F.shifted(F.hex("82 1F 32 00 AF")), to: nil)
        #expect(report == .report(board: 31, lock: 50, status: 0))
        let multiOpen = CUXorCommand.multiOpen(board: 1, locks: [1])
        let echo = try CUXorCodec.decodeReply(F.shifted(F.hex("90 01 00 00 01 90")), to: multiOpen)
        #expect(echo == .multiOpened(board: 1, locks: [1]))
        let bits = ModbusCRC16.sealed([1, 1, 250] + [UInt8](repeating: 0xFF, count: 250))
        let read = try ModbusRTUCodec.decodeReply(F.shifted(bits), to: .readCoils(unit: 1, start: 0, count: 2000))
        #expect(try ModbusRTUCodec.encode(response: read) == bits)
        let written = try ModbusRTUCodec.decodeReply(
            F.shifted(F.hex("01 0F FF FF 00 01 94 2F")), to: .writeCoils(unit: 1, start: 0xFFFF, values: [true]))
        #expect(written == .coilsWritten(unit: 1, start: 0xFFFF, count: 1))
    }
}
