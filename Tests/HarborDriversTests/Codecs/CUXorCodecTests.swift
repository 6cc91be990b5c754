import Testing
@testable import HarborDrivers

@Suite struct CUXorCodecTests {
    private typealias F = FrameFixtures

    static let verifiedCommands: [(CUXorCommand, String)] = [
        (.open(board: 1, lock: 1), "8A 01 01 11 9B"),
        (.open(board: 1, lock: 2), "8A 01 02 11 98"),
        (.open(board: 2, lock: 1), "8A 02 01 11 98"),
        (.open(board: 31, lock: 24), "8A 1F 18 11 9C"),
        (.open(board: 3, lock: 12), "8A 03 0C 11 94"),
        (.open(board: 1, lock: 0), "8A 01 00 11 9A"),
        (.query(board: 1, lock: 1), "80 01 01 33 B3"),
        (.query(board: 1, lock: 0), "80 01 00 33 B2"),
        (.query(board: 2, lock: 0), "80 02 00 33 B1"),
        (.multiOpen(board: 1, locks: [2, 10, 18]), "90 01 02 02 02 93"),
        (.keepPowered(board: 1, lock: 1, on: true), "9A 01 01 11 8B"),
    ]

    @Test(arguments: verifiedCommands)
    func encodesVerifiedCommand(command: CUXorCommand, frame: String) throws {
        #expect(try CUXorCodec.encode(command) == F.hex(frame))
        #expect(try CUXorCodec.decodeCommand(F.shifted(F.hex(frame))) == command)
    }

    static let verifiedReplies: [(CUXorCommand, String, CUXorReply)] = [
        (.open(board: 1, lock: 1), "8A 01 01 00 8A", .lock(board: 1, lock: 1, status: 0x00)),
        (.open(board: 1, lock: 1), "8A 01 01 11 9B", .lock(board: 1, lock: 1, status: 0x11)),
        (.query(board: 1, lock: 1), "80 01 01 00 80", .lock(board: 1, lock: 1, status: 0x00)),
        (.query(board: 1, lock: 1), "80 01 01 11 91", .lock(board: 1, lock: 1, status: 0x11)),
        (.query(board: 1, lock: 0), "80 01 00 00 00 33 B2", .allLocks(board: 1, bits: Array(repeating: false, count: 24))),
        (.query(board: 2, lock: 0), "80 02 05 03 33 B7", .allLocks(board: 2, bits: bits(set: [1, 2, 9, 11], count: 16))),
        (.query(board: 1, lock: 0), "80 01 00 00 02 33 B0", .allLocks(board: 1, bits: bits(set: [2], count: 24))),
        (.keepPowered(board: 1, lock: 1, on: true), "9A 01 01 11 8B", .power(board: 1, lock: 1, on: true)),
        (.multiOpen(board: 1, locks: [2, 10, 18]), "90 01 02 02 02 93", .multiOpened(board: 1, locks: [2, 10, 18])),
    ]

    @Test(arguments: verifiedReplies)
    func decodesVerifiedReply(command: CUXorCommand, frame: String, reply: CUXorReply) throws {
        let bytes = F.hex(frame)
        #expect(CUXorCodec.scanReply(F.shifted(bytes), to: command).isWhole(length: bytes.count))
        #expect(try CUXorCodec.decodeReply(F.shifted(bytes), to: command) == reply)
        #expect(try CUXorCodec.encode(reply: reply, answering: command) == bytes)
    }

    @Test func statusBitsOfTheTwoUnlockReplies() {
        #expect(CUXorCodec.statusBit(0x11) == true)
        #expect(CUXorCodec.statusBit(0x00) == false)
        #expect(CUXorCodec.statusBit(0x01) == nil)
    }

    @Test func maskOrderIsASetting() throws {
        #expect(try CUXorCodec.encode(.multiOpen(board: 1, locks: [1, 17]), maskOrder: .highByteFirst)
            == F.hex("90 01 01 00 01 91"))
        #expect(try CUXorCodec.encode(.multiOpen(board: 1, locks: [1, 9]), maskOrder: .lowByteFirst)
            == F.hex("90 01 01 01 00 91"))
        let frame = F.shifted(F.hex("90 01 01 00 00 90"))
        #expect(try CUXorCodec.decodeCommand(frame, maskOrder: .lowByteFirst) == .multiOpen(board: 1, locks: [1]))
        #expect(try CUXorCodec.decodeCommand(frame, maskOrder: .highByteFirst) == .multiOpen(board: 1, locks: [17]))
    }

    @Test func unsolicitedReportOfAnyBoard() throws {
        let frame = F.hex("82 05 03 00 84")
        #expect(CUXorCodec.scanReply(F.shifted(frame), to: nil) == .complete(length: 5))
        #expect(try CUXorCodec.decodeReply(F.shifted(frame), to: nil) == .report(board: 5, lock: 3, status: 0))
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("8A 01 01 00 8A")), to: nil) == .noise)
    }

    @Test func decoderRejectsWrongFrames() {
        let open = CUXorCommand.open(board: 1, lock: 1)
        #expect(throws: CodecError.wrongLength(expected: 5, actual: 4)) {
            try CUXorCodec.decodeReply(F.shifted(F.hex("8A 01 01 00")), to: open)
        }
        #expect(throws: CodecError.badChecksum(expected: 0x8A, actual: 0x8B)) {
            try CUXorCodec.decodeReply(F.shifted(F.hex("8A 01 01 00 8B")), to: open)
        }
        #expect(throws: CodecError.self) { try CUXorCodec.decodeReply(F.shifted(F.hex("8A 02 01 00 89")), to: open) }
        #expect(throws: CodecError.self) { try CUXorCodec.decodeReply(F.shifted(F.hex("80 01 01 00 80")), to: open) }
        #expect(throws: CodecError.self) {
            try CUXorCodec.decodeReply(F.shifted(F.hex("80 01 00 00 00 34 B5")), to: .query(board: 1, lock: 0))
        }
        #expect(throws: CodecError.self) { try CUXorCodec.decodeCommand(F.shifted(F.hex("8A 01 01 00 8A"))) }
    }

    @Test func encodersRejectOutOfRangeFields() {
        #expect(F.isOutOfRange { () throws(CodecError) in try CUXorCodec.encode(.open(board: 0, lock: 1)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try CUXorCodec.encode(.open(board: 32, lock: 1)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try CUXorCodec.encode(.open(board: 1, lock: 51)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try CUXorCodec.encode(.query(board: 1, lock: -1)) })
        #expect(F.isOutOfRange { () throws(CodecError) in try CUXorCodec.encode(.multiOpen(board: 1, locks: [25])) })
        #expect(F.isOutOfRange { () throws(CodecError) in try CUXorCodec.encode(.multiOpen(board: 1, locks: [])) })
        #expect(F.isOutOfRange { () throws(CodecError) in
            try CUXorCodec.encode(.keepPowered(board: 1, lock: 0, on: false))
        })
        #expect(F.isOutOfRange { () throws(CodecError) in
            try CUXorCodec.encode(reply: .allLocks(board: 1, bits: [true]))
        })
        #expect(F.isOutOfRange { () throws(CodecError) in
            try CUXorCodec.encode(reply: .lock(board: 40, lock: 1, status: 0))
        })
    }

    static let everyCommand: [CUXorCommand] = [
        .open(board: 7, lock: 5), .open(board: 31, lock: 0), .query(board: 2, lock: 50), .query(board: 1, lock: 0),
        .multiOpen(board: 4, locks: [1, 8, 9, 16, 17, 24]), .keepPowered(board: 9, lock: 3, on: true),
        .keepPowered(board: 9, lock: 3, on: false),
    ]

    @Test(arguments: everyCommand, CUXorMaskOrder.allCases)
    func commandRoundTrip(command: CUXorCommand, order: CUXorMaskOrder) throws {
        let frame = try CUXorCodec.encode(command, maskOrder: order)
        #expect(CUXorCodec.scanCommand(F.shifted(frame)) == .complete(length: frame.count))
        #expect(try CUXorCodec.decodeCommand(F.shifted(frame), maskOrder: order) == command)
    }

    static let everyReply: [(CUXorReply, CUXorCommand?)] = [
        (.lock(board: 3, lock: 7, status: 0x11), .open(board: 3, lock: 7)),
        (.lock(board: 3, lock: 0, status: 0x00), .open(board: 3, lock: 0)),
        (.lock(board: 3, lock: 7, status: 0x00), .query(board: 3, lock: 7)),
        (.allLocks(board: 12, bits: bits(set: [1, 8, 9, 33, 50], count: 56)), .query(board: 12, lock: 0)),
        (.report(board: 2, lock: 4, status: 0x11), nil),
        (.power(board: 2, lock: 4, on: false), .keepPowered(board: 2, lock: 4, on: false)),
        (.multiOpened(board: 2, locks: [3, 24]), .multiOpen(board: 2, locks: [3, 24])),
    ]

    @Test(arguments: everyReply, CUXorMaskOrder.allCases)
    func replyRoundTrip(pair: (CUXorReply, CUXorCommand?), order: CUXorMaskOrder) throws {
        let (reply, command) = pair
        let frame = try CUXorCodec.encode(reply: reply, answering: command, maskOrder: order)
        #expect(CUXorCodec.scanReply(F.shifted(frame), to: command).isWhole(length: frame.count))
        #expect(try CUXorCodec.decodeReply(F.shifted(frame), to: command, maskOrder: order) == reply)
    }

    /// Bits of `count` channels with the given channels (numbered from 1) set.
    static func bits(set channels: Set<Int>, count: Int) -> [Bool] {
        (1...count).map { channels.contains($0) }
    }
}

extension FrameScan {
    /// A whole frame of `length` bytes, whether or not a longer one could follow.
    func isWhole(length: Int) -> Bool {
        self == .complete(length: length) || self == .completeUnlessMoreFollows(length: length)
    }
}
