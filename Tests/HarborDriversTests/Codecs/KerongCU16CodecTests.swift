import Testing
@testable import HarborDrivers

@Suite struct KerongCU16CodecTests {
    private typealias F = FrameFixtures

    static let verifiedCommands: [(KerongCU16Command, String)] = [
        (.unlock(board: 0, lock: 1), "02 00 31 03 36"),
        (.unlock(board: 1, lock: 3), "02 12 31 03 48"),
        (.status(board: 1), "02 10 30 03 45"),
        (.statusAll, "02 F0 32 03 27"),
    ]

    @Test(arguments: verifiedCommands)
    func encodesVerifiedCommand(command: KerongCU16Command, frame: String) throws {
        #expect(try KerongCU16Codec.encode(command) == F.hex(frame))
        #expect(KerongCU16Codec.scanCommand(F.shifted(F.hex(frame))) == .complete(length: 5))
        #expect(try KerongCU16Codec.decodeCommand(F.shifted(F.hex(frame))) == command)
    }

    @Test func decodesVerifiedReply() throws {
        let frame = F.hex("02 10 35 01 00 00 00 03 4B")
        let status = KerongCU16Status(
            board: 1, hooks: [true] + Array(repeating: false, count: 15), items: Array(repeating: false, count: 16))
        #expect(KerongCU16Codec.scanReply(F.shifted(frame), to: .status(board: 1)) == .complete(length: 9))
        #expect(try KerongCU16Codec.decodeReply(F.shifted(frame), to: .status(board: 1)) == status)
        #expect(try KerongCU16Codec.decodeReply(F.shifted(frame), to: .unlock(board: 1, lock: 3)) == status)
        #expect(try KerongCU16Codec.encode(reply: status) == frame)
    }

    @Test func checksumIsTheLowByteOfTheSum() {
        #expect(KerongCU16Codec.checksum([0x02, 0xF0, 0x32, 0x03]) == 0x27)
    }

    @Test func scannerVerdicts() {
        let status = KerongCU16Command.status(board: 1)
        let result = F.scanPastNoise(F.hex("FA FD 99 99 02 10 35 01 00 00 00 03 4B")) {
            KerongCU16Codec.scanReply($0, to: status)
        }
        #expect(result.noise == [0, 1, 2, 3])
        #expect(result.verdict == .complete(length: 9))
        let otherBoard = F.hex("02 20 35 01 00 00 00 03 5B")
        #expect(KerongCU16Codec.scanReply(F.shifted(otherBoard), to: status) == .noise)
        #expect(KerongCU16Codec.scanReply(F.shifted(otherBoard), to: .statusAll) == .complete(length: 9))
        #expect(KerongCU16Codec.scanReply(F.shifted(F.hex("02 10 35 01 00 00 00 03 4C")), to: status)
            == .corrupt(length: 9))
        #expect(KerongCU16Codec.scanReply(F.shifted(F.hex("02 10 35 01")), to: status) == .needMore)
        // An adapter echoing the request: its first byte is noise, not a reply.
        #expect(KerongCU16Codec.scanReply(F.shifted(F.hex("02 10 30 03 45")), to: status) == .noise)
        #expect(KerongCU16Codec.scanCommand(F.shifted(F.hex("02 10 35 01 00"))) == .noise)
        #expect(KerongCU16Codec.scanCommand(F.shifted(F.hex("02 10 30 03 46"))) == .corrupt(length: 5))
        #expect(KerongCU16Codec.scanCommand(F.shifted(F.hex("02 10 30"))) == .needMore)
    }

    @Test func decoderRejectsWrongFrames() {
        #expect(throws: CodecError.badChecksum(expected: 0x4B, actual: 0x4C)) {
            try KerongCU16Codec.decodeReply(F.shifted(F.hex("02 10 35 01 00 00 00 03 4C")), to: .status(board: 1))
        }
        #expect(throws: CodecError.wrongLength(expected: 9, actual: 5)) {
            try KerongCU16Codec.decodeReply(F.shifted(F.hex("02 10 30 03 45")), to: .status(board: 1))
        }
        #expect(throws: CodecError.self) {
            try KerongCU16Codec.decodeReply(F.shifted(F.hex("02 20 35 01 00 00 00 03 5B")), to: .status(board: 1))
        }
        #expect(throws: CodecError.self) { try KerongCU16Codec.decodeCommand(F.shifted(F.hex("02 10 34 03 49"))) }
    }

    @Test func encodersRejectOutOfRangeFields() {
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU16Codec.encode(.unlock(board: 16, lock: 1)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU16Codec.encode(.unlock(board: 0, lock: 17)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU16Codec.encode(.unlock(board: 0, lock: 0)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU16Codec.encode(.status(board: -1)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try KerongCU16Codec.encode(.unlockAll(board: 16)) })
        #expect(F.isOutOfRange { () throws(CodecError) in
            try KerongCU16Codec.encode(reply: KerongCU16Status(board: 0, hooks: [true], items: []))
        })
    }

    static let everyCommand: [KerongCU16Command] = [
        .status(board: 0), .status(board: 15), .unlock(board: 9, lock: 16), .unlock(board: 15, lock: 1), .statusAll,
        .unlockAll(board: 4),
    ]

    @Test(arguments: everyCommand)
    func commandRoundTrip(command: KerongCU16Command) throws {
        let frame = try KerongCU16Codec.encode(command)
        #expect(KerongCU16Codec.scanCommand(F.shifted(frame)) == .complete(length: 5))
        #expect(try KerongCU16Codec.decodeCommand(F.shifted(frame)) == command)
    }

    @Test func replyRoundTrip() throws {
        let hooks = (1...16).map { $0 % 3 == 0 }
        let items = (1...16).map { $0 == 16 || $0 == 2 }
        let status = KerongCU16Status(board: 7, hooks: hooks, items: items)
        let frame = try KerongCU16Codec.encode(reply: status)
        #expect(KerongCU16Codec.scanReply(F.shifted(frame), to: .unlock(board: 7, lock: 4)) == .complete(length: 9))
        #expect(try KerongCU16Codec.decodeReply(F.shifted(frame), to: .status(board: 7)) == status)
        #expect(try KerongCU16Codec.decodeReply(F.shifted(frame), to: .statusAll) == status)
    }
}
