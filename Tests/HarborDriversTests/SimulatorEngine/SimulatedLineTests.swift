import Testing
@testable import HarborDrivers

@Suite struct SimulatedLineTests {
    let t0 = ContinuousClock.now

    private func line(_ faults: SimulatorFaults = SimulatorFaults(), boards: [Int] = [1]) -> SimulatedLine {
        SimulatedLine(boards: boards.map { FakeLockBoard(address: $0) }, faults: faults)
    }

    private func replies(_ events: [LineEvent]) -> [ScheduledReply] {
        events.compactMap { if case let .replyScheduled(reply) = $0 { reply } else { nil } }
    }

    private func drops(_ events: [LineEvent]) -> [DroppedBytes] {
        events.compactMap { if case let .frameDropped(dropped) = $0 { dropped } else { nil } }
    }

    @Test func wholeFrameIsAnsweredAfterTheLatency() {
        let line = line(SimulatorFaults(replyLatency: .milliseconds(200)))
        let events = line.receive(FakeLockBoard.frame(board: 1, lock: 3), at: t0)
        #expect(events == [
            .frameReceived(ReceivedFrame(bytes: FakeLockBoard.frame(board: 1, lock: 3), board: 1,
                                         boardProtocol: .cuXor, summary: "fire 1/3", firedChannels: [3])),
            .replyScheduled(ScheduledReply(board: 1, bytes: FakeLockBoard.reply(board: 1, lock: 3),
                                           summary: "fire 1/3", due: t0 + .milliseconds(200), byteTime: nil)),
        ])
        #expect(line.framesReceived == 1)
        #expect(line.board(at: 1)?.doors.fireCount(of: 3) == 1)
    }

    @Test func noiseBeforeACommandIsDroppedAndTheCommandAnswered() {
        let events = line().receive([0xFA, 0xFD, 0x99] + FakeLockBoard.frame(board: 1, lock: 1), at: t0)
        #expect(drops(events) == [DroppedBytes(bytes: [0xFA, 0xFD, 0x99], reason: .noise)])
        #expect(replies(events).map(\.bytes) == [FakeLockBoard.reply(board: 1, lock: 1)])
    }

    @Test func corruptFrameGetsNoReply() {
        var frame = FakeLockBoard.frame(board: 1, lock: 1)
        frame[4] ^= 0x01
        let line = line()
        let events = line.receive(frame, at: t0)
        #expect(events == [.frameDropped(DroppedBytes(bytes: frame, reason: .badChecksum))])
        #expect(line.board(at: 1)?.doors.fireCount(of: 1) == 0)
    }

    @Test func frameForAnAbsentAddressGetsNoReply() {
        let frame = FakeLockBoard.frame(board: 9, lock: 1)
        #expect(line().receive(frame, at: t0) == [.frameDropped(DroppedBytes(bytes: frame, reason: .noBoardAnswered))])
    }

    @Test func twoFramesInOneChunkAreAnsweredInOrder() {
        let line = line(boards: [1, 2])
        let events = line.receive(FakeLockBoard.frame(board: 2, lock: 1) + FakeLockBoard.frame(board: 1, lock: 4), at: t0)
        #expect(replies(events).map(\.bytes) == [FakeLockBoard.reply(board: 2, lock: 1), FakeLockBoard.reply(board: 1, lock: 4)])
        #expect(line.framesReceived == 2)
    }

    @Test func frameSplitAcrossChunksWaitsForItsRest() {
        let line = line()
        let frame = FakeLockBoard.frame(board: 1, lock: 2)
        #expect(line.receive(Array(frame[0..<2]), at: t0).isEmpty)
        #expect(line.expiry() == t0 + .milliseconds(50))
        let events = line.receive(Array(frame[2...]), at: t0 + .milliseconds(10))
        #expect(replies(events).map(\.bytes) == [FakeLockBoard.reply(board: 1, lock: 2)])
        #expect(line.expiry() == nil)
    }

    @Test func stalePartialFrameIsDiscardedAndTheNextFrameAnswered() {
        let line = line()
        #expect(line.receive([0xA5, 0x01], at: t0).isEmpty)
        let events = line.receive(FakeLockBoard.frame(board: 1, lock: 1), at: t0 + .milliseconds(80))
        #expect(drops(events) == [DroppedBytes(bytes: [0xA5, 0x01], reason: .stalePartialFrame)])
        #expect(replies(events).count == 1)
    }

    @Test func lonePartialFrameExpiresAfterSilence() {
        let line = line()
        #expect(line.receive([0xA5, 0x01], at: t0).isEmpty)
        #expect(line.expire(at: t0 + .milliseconds(30)).isEmpty)
        let events = line.expire(at: t0 + .milliseconds(60))
        #expect(events == [.frameDropped(DroppedBytes(bytes: [0xA5, 0x01], reason: .stalePartialFrame))])
        #expect(line.expiry() == nil)
    }

    @Test func silenceRescansAFrameHiddenBehindAFalseStart() {
        // 0x02 starts an 8-byte frame of the second board, so the whole CU-like
        // frame behind it waits; silence proves the 0x02 a stray byte.
        let line = SimulatedLine(boards: [
            FakeLockBoard(address: 1), FakeLockBoard(address: 1, header: 0x02, boardProtocol: .modbusRelay, frameLength: 8),
        ])
        #expect(line.receive([0x02] + FakeLockBoard.frame(board: 1, lock: 5), at: t0).isEmpty)
        let events = line.expire(at: t0 + .milliseconds(60))
        #expect(drops(events) == [DroppedBytes(bytes: [0x02], reason: .stalePartialFrame)])
        #expect(replies(events).map(\.bytes) == [FakeLockBoard.reply(board: 1, lock: 5)])
    }

    @Test func frameThatMayGrowIsTakenAfterTheQuietGap() {
        let line = SimulatedLine(boards: [FakeLockBoard(address: 1, waitsForQuiet: true)])
        #expect(line.receive(FakeLockBoard.frame(board: 1, lock: 1), at: t0).isEmpty)
        #expect(line.expiry() == t0 + .milliseconds(20))
        let events = line.expire(at: t0 + .milliseconds(25))
        #expect(replies(events).map(\.bytes) == [FakeLockBoard.reply(board: 1, lock: 1)])
    }

    @Test func boardsOfDifferentProtocolsShareTheLine() {
        let line = SimulatedLine(boards: [
            FakeLockBoard(address: 1), FakeLockBoard(address: 2, header: 0x5A, boardProtocol: .kerongCU16),
        ])
        let events = line.receive(FakeLockBoard.frame(0x5A, board: 2, lock: 1) + FakeLockBoard.frame(board: 1, lock: 1), at: t0)
        #expect(replies(events).map(\.bytes) == [FakeLockBoard.reply(0x5A, board: 2, lock: 1), FakeLockBoard.reply(board: 1, lock: 1)])
    }

    @Test func silentBoardFiresButDoesNotAnswer() {
        let line = line(SimulatorFaults(silentAddresses: [1]))
        let events = line.receive(FakeLockBoard.frame(board: 1, lock: 2), at: t0)
        #expect(replies(events).isEmpty)
        #expect(events.last == .replyWithheld(WithheldReply(
            board: 1, bytes: FakeLockBoard.reply(board: 1, lock: 2), summary: "fire 1/2", reason: .silentBoard)))
        #expect(line.board(at: 1)?.doors.fireCount(of: 2) == 1)
    }

    @Test func everyNthReplyIsDroppedButTheCommandActs() {
        let line = line(SimulatorFaults(dropEveryNthReply: 2))
        let answered = (1...4).map { lock in
            !replies(line.receive(FakeLockBoard.frame(board: 1, lock: lock), at: t0)).isEmpty
        }
        #expect(answered == [true, false, true, false])
        #expect((1...4).allSatisfy { line.board(at: 1)?.doors.fireCount(of: $0) == 1 })
    }

    @Test func noiseGoesBeforeEveryReply() {
        let line = line(SimulatorFaults(noiseBeforeReply: SimulatorFaults.cuBoardNoise))
        let reply = replies(line.receive(FakeLockBoard.frame(board: 1, lock: 1), at: t0))
        #expect(reply.map(\.bytes) == [[0xFA, 0xFD, 0x99, 0x99] + FakeLockBoard.reply(board: 1, lock: 1)])
    }

    @Test func corruptChecksumsFlipTheLastByte() {
        let line = line(SimulatorFaults(corruptChecksums: true))
        var expected = FakeLockBoard.reply(board: 1, lock: 1)
        expected[4] ^= 0xFF
        #expect(replies(line.receive(FakeLockBoard.frame(board: 1, lock: 1), at: t0)).map(\.bytes) == [expected])
    }

    @Test func wireBaudPacesReplyBytes() throws {
        let line = line(SimulatorFaults(replyLatency: .milliseconds(10), wireBaud: 9600))
        let scheduled = replies(line.receive(FakeLockBoard.frame(board: 1, lock: 1) + FakeLockBoard.frame(board: 1, lock: 2), at: t0))
        let first = try #require(scheduled.first)
        // The 5-byte request takes 5 byte times to arrive; the board answers 10 ms later.
        #expect(first.due == t0 + .nanoseconds(1_041_666 * 5) + .milliseconds(10))
        #expect(first.due.duration(to: first.dueTime(ofByte: 0)) == .nanoseconds(1_041_666))
        let spread = first.due.duration(to: first.dueTime(ofByte: 4))
        #expect(spread > .microseconds(5_150) && spread < .microseconds(5_250))
        // RS485 is half duplex: the second reply starts when the first has left.
        #expect(scheduled.last?.due == first.finished)
    }

    @Test func lineVanishesAfterItsFrameLimitWithoutAnswering() {
        let line = line(SimulatorFaults(vanishAfterFrames: 2))
        #expect(replies(line.receive(FakeLockBoard.frame(board: 1, lock: 1), at: t0)).count == 1)
        let events = line.receive(FakeLockBoard.frame(board: 1, lock: 2), at: t0)
        #expect(replies(events).isEmpty)
        #expect(events.last == .lineVanished)
        #expect(line.hasVanished)
        #expect(line.board(at: 1)?.doors.fireCount(of: 2) == 1)
        #expect(line.receive(FakeLockBoard.frame(board: 1, lock: 3), at: t0).isEmpty)
    }

    @Test func connectionsKeepTheirOwnPartialFrames() {
        let line = line()
        let frame = FakeLockBoard.frame(board: 1, lock: 1)
        #expect(line.receive(Array(frame[0..<3]), at: t0, connection: 1).isEmpty)
        #expect(replies(line.receive(frame, at: t0, connection: 2)).count == 1)
        #expect(replies(line.receive(Array(frame[3...]), at: t0, connection: 1)).count == 1)
        line.forget(connection: 1)
        #expect(line.expiry(connection: 1) == nil)
    }

    @Test func replyLessCommandSchedulesNothing() {
        let events = line().receive(FakeLockBoard.frame(board: 1, lock: 1, op: 0x03), at: t0)
        #expect(events.count == 1)
        #expect(replies(events).isEmpty)
    }
}
