import Testing
@testable import HarborDrivers

@Suite struct CUXorScannerTests {
    private typealias F = FrameFixtures
    private let open = CUXorCommand.open(board: 1, lock: 1)
    private let queryAll = CUXorCommand.query(board: 1, lock: 0)

    @Test func strayBytesBeforeAReplyAreNoiseThenTheReplyIsFound() {
        let result = F.scanPastNoise(F.hex("FA FD 99 99 8A 01 01 00 8A")) { CUXorCodec.scanReply($0, to: open) }
        #expect(result.noise == [0, 1, 2, 3])
        #expect(result.verdict == .complete(length: 5))
        #expect(result.offset == 4)
    }

    @Test func replyOfAnotherBoardOrLockOrCommandIsNoise() {
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("8A 02 01 00 89")), to: open) == .noise)
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("8A 01 02 00 89")), to: open) == .noise)
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("80 01 01 00 80")), to: open) == .noise)
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("80 02 00 00 00 33 B1")), to: queryAll) == .noise)
    }

    @Test func badChecksumIsCorrupt() {
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("8A 01 01 00 8B")), to: open) == .corrupt(length: 5))
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("80 01 00 00 00 33 B3")), to: queryAll, statusBytes: 3)
            == .corrupt(length: 7))
        #expect(CUXorCodec.scanCommand(F.shifted(F.hex("8A 01 01 11 9C"))) == .corrupt(length: 5))
    }

    @Test func partialFrameNeedsMore() {
        #expect(CUXorCodec.scanReply(F.shifted([]), to: open) == .needMore)
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("8A 01 01")), to: open) == .needMore)
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("80 01 00 00")), to: queryAll) == .needMore)
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("80 01 00 00 00 33")), to: queryAll, statusBytes: 3) == .needMore)
        #expect(CUXorCodec.scanCommand(F.shifted(F.hex("90 01 02 02 02"))) == .needMore)
    }

    @Test func queryAllOfUnknownLengthWaitsForQuiet() {
        let frame = F.shifted(F.hex("80 01 00 00 00 33 B2"))
        #expect(CUXorCodec.scanReply(frame, to: queryAll) == .completeUnlessMoreFollows(length: 7))
        #expect(CUXorCodec.scanReply(frame, to: queryAll, statusBytes: nil) == .completeUnlessMoreFollows(length: 7))
    }

    @Test func queryAllOfKnownLengthCompletesAtOnce() {
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("80 01 00 00 00 33 B2")), to: queryAll, statusBytes: 3)
            == .complete(length: 7))
        #expect(CUXorCodec.scanReply(F.shifted(F.hex("80 02 05 03 33 B7")), to: .query(board: 2, lock: 0), statusBytes: 2)
            == .complete(length: 6))
    }

    /// Status bytes can be 0x33: a `33`+BCC inside the frame is an earlier candidate
    /// end; the longer frame that follows replaces it.
    @Test func statusByte33GivesTheLongestCandidate() throws {
        let bytes = F.hex("80 01 00 33 B2 00 33 33")
        #expect(CUXorCodec.scanReply(F.shifted(Array(bytes.prefix(5))), to: queryAll)
            == .completeUnlessMoreFollows(length: 5))
        #expect(CUXorCodec.scanReply(F.shifted(Array(bytes.prefix(7))), to: queryAll)
            == .completeUnlessMoreFollows(length: 5))
        #expect(CUXorCodec.scanReply(F.shifted(bytes), to: queryAll) == .completeUnlessMoreFollows(length: 8))
        let reply = try CUXorCodec.decodeReply(F.shifted(bytes), to: queryAll)
        let expected = CodecFields.bits(of: [0x00, 0xB2, 0x33, 0x00])
        #expect(reply == .allLocks(board: 1, bits: expected))
    }

    @Test func queryAllAtMaximumLengthIsFinal() {
        let candidate = F.hex("80 01 00 00 00 33 B2 00 00 00 00 00")
        #expect(CUXorCodec.scanReply(F.shifted(candidate), to: queryAll) == .complete(length: 7))
        let corrupt = F.hex("80 01 00 00 00 33 B3 00 00 00 00 00")
        #expect(CUXorCodec.scanReply(F.shifted(corrupt), to: queryAll) == .corrupt(length: 7))
        let noTerminator = [0x80, 0x01] + [UInt8](repeating: 0, count: 10)
        #expect(CUXorCodec.scanReply(F.shifted(noTerminator), to: queryAll) == .noise)
    }

    @Test func boardSideSkipsRepliesOfOtherBoards() {
        #expect(CUXorCodec.scanCommand(F.shifted(F.hex("8A 01 01 00 8A"))) == .noise)
        #expect(CUXorCodec.scanCommand(F.shifted(F.hex("80 01 01 00 80"))) == .noise)
        #expect(CUXorCodec.scanCommand(F.shifted(F.hex("FA"))) == .noise)
        let result = F.scanPastNoise(F.hex("FA FD 99 99 90 01 02 02 02 93"), CUXorCodec.scanCommand)
        #expect(result.noise == [0, 1, 2, 3])
        #expect(result.verdict == .complete(length: 6))
    }
}
