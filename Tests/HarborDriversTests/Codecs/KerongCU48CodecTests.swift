import Testing
@testable import HarborDrivers

@Suite struct KerongCU48CodecTests {
    private typealias F = FrameFixtures
    private static let allOpen = "02 00 00 75" + String(repeating: " 00", count: 12) + " 03 7A"
    private static let lock1Closed = "02 00 00 75 01" + String(repeating: " 00", count: 11) + " 03 7B"

    static let verifiedCommands: [(KerongCU48Command, String)] = [
        (.status(board: 0), "02 00 00 60 03 65"),
        (.unlock(board: 0, lock: 1), "02 00 00 61 03 66"),
        (.unlock(board: 0, lock: 5), "02 00 04 61 03 6A"),
    ]

    @Test(arguments: verifiedCommands)
    func encodesVerifiedCommand(command: KerongCU48Command, frame: String) throws {
        #expect(try KerongCU48Codec.encode(command) == F.hex(frame))
        #expect(KerongCU48Codec.scanCommand(F.shifted(F.hex(frame))) == .complete(length: 6))
        #expect(try KerongCU48Codec.decodeCommand(F.shifted(F.hex(frame))) == command)
    }

    @Test func decodesVerifiedReplies() throws {
        let sensors = [UInt8](repeating: 0, count: 6)
        let open = KerongCU48Status(board: 0, locks: Array(repeating: false, count: 48), sensors: sensors)
        let closed = KerongCU48Status(board: 0, locks: [true] + Array(repeating: false, count: 47), sensors: sensors)
        for (text, status) in [(Self.allOpen, open), (Self.lock1Closed, closed)] {
            let frame = F.hex(text)
            #expect(frame.count == 18)
            #expect(KerongCU48Codec.scanReply(F.shifted(frame), to: .status(board: 0)) == .complete(length: 18))
            #expect(try KerongCU48Codec.decodeReply(F.shifted(frame), to: .unlock(board: 0, lock: 1)) == status)
            #expect(try KerongCU48Codec.encode(reply: status) == frame)
        }
    }

    @Test func scannerVerdicts() {
        let status = KerongCU48Command.status(board: 0)
        let result = F.scanPastNoise(F.hex("FA FD 99 99 " + Self.lock1Closed)) { KerongCU48Codec.scanReply($0, to: status) }
        #expect(result.noise == [0, 1, 2, 3])
        #expect(result.verdict == .complete(length: 18))
        #expect(KerongCU48Codec.scanReply(F.shifted(F.hex(Self.allOpen)), to: .status(board: 1)) == .noise)
        var corrupt = F.hex(Self.allOpen)
        corrupt[17] = 0x7B
        #expect(KerongCU48Codec.scanReply(F.shifted(corrupt), to: status) == .corrupt(length: 18))
        #expect(KerongCU48Codec.scanReply(F.shifted(Array(F.hex(Self.allOpen).prefix(10))), to: status) == .needMore)
        #expect(KerongCU48Codec.scanReply(F.shifted(F.hex("02 00 00 60 03 65")), to: status) == .noise)
        #expect(KerongCU48Codec.scanCommand(F.shifted(F.hex(Self.allOpen))) == .noise)
        #expect(KerongCU48Codec.scanCommand(F.shifted(F.hex("02 00 00 61 03 67"))) == .corrupt(length: 6))
        #expect(KerongCU48Codec.scanCommand(F.shifted(F.hex("02 00 00 61"))) == .needMore)
    }

    @Test func decoderRejectsWrongFrames() {
        var corrupt = F.hex(Self.allOpen)
        corrupt[17] = 0x7B
        #expect(throws: CodecError.badChecksum(expected: 0x7A, actual: 0x7B)) {
            try KerongCU48Codec.decodeReply(F.shifted(corrupt), to: .status(board: 0))
        }
        #expect(throws: CodecError.self) {
            try KerongCU48Codec.decodeReply(F.shifted(F.hex(Self.allOpen)), to: .status(board: 2))
        }
        #expect(throws: CodecError.self) { try KerongCU48Codec.decodeCommand(F.shifted(F.hex("02 00 30 61 03 96"))) }
        #expect(throws: CodecError.self) { try KerongCU48Codec.decodeCommand(F.shifted(F.hex("02 00 00 62 03 67"))) }
    }

    @Test func encodersRejectOutOfRangeFields() {
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU48Codec.encode(.unlock(board: 0, lock: 49)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU48Codec.encode(.unlock(board: 0, lock: 0)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU48Codec.encode(.status(board: 16)) })
        #expect(F.isOutOfRange { () throws(CodecError) in
            try KerongCU48Codec.encode(reply: KerongCU48Status(board: 0, locks: [true], sensors: []))
        })
    }

    @Test(arguments: [KerongCU48Command.status(board: 3), .unlock(board: 15, lock: 48), .unlock(board: 0, lock: 17)])
    func commandRoundTrip(command: KerongCU48Command) throws {
        let frame = try KerongCU48Codec.encode(command)
        #expect(try KerongCU48Codec.decodeCommand(F.shifted(frame)) == command)
    }

    @Test func replyRoundTrip() throws {
        let status = KerongCU48Status(board: 5, locks: (1...48).map { $0 % 5 == 1 }, sensors: [1, 2, 3, 0x33, 0xFF, 0])
        let frame = try KerongCU48Codec.encode(reply: status)
        #expect(KerongCU48Codec.scanReply(F.shifted(frame), to: .unlock(board: 5, lock: 9)) == .complete(length: 18))
        #expect(try KerongCU48Codec.decodeReply(F.shifted(frame), to: .status(board: 5)) == status)
    }
}
