import Testing
@testable import HarborDrivers

/// How the bus frames replies: at once when complete, after noise, on silence,
/// on a bad checksum and for variable-length replies.
@Suite struct LockBoardBusReplyTests {
    @Test func completeReplyReturnsAtOnceWithoutWaitingForQuietTime() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            [BoardChunk(after: .milliseconds(5), bytes: XorTestFrame.replyFrame(address: frame[1]))]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(quietTime: .seconds(2)))
        let started = ContinuousClock.now
        let reply = try await bus.transact(XorTestFrame.busRequest(address: 1))
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(reply == XorTestFrame.replyFrame(address: 1))
        let statistics = await bus.statistics
        #expect(statistics.replies == 1)
        #expect(statistics.framesWritten == 1)
        #expect(try #require(statistics.lastRoundTrip) < .seconds(1))
        #expect(statistics.lastReplyAt != nil)
        await board.stop()
    }

    @Test func noiseBeforeTheReplyIsSkippedAndCounted() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            [
                BoardChunk(after: .zero, bytes: [0xFA, 0xFD]),
                BoardChunk(after: .milliseconds(2), bytes: [0x99, 0x99] + XorTestFrame.replyFrame(address: frame[1])),
            ]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        #expect(try await bus.transact(XorTestFrame.busRequest(address: 1)) == XorTestFrame.replyFrame(address: 1))
        #expect(await bus.statistics.noiseBytesSkipped == 4)
        await board.stop()
    }

    @Test func silentBoardIsNoReplyAfterTheTimeoutAndTheFrameWasWrittenOnce() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { _ in [] }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        let request = XorTestFrame.busRequest(address: 7, timeout: .milliseconds(200))
        let started = ContinuousClock.now
        await #expect(throws: BusError.noReply) { try await bus.transact(request) }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(195))
        #expect(elapsed < .milliseconds(1500))
        try await Task.sleep(for: .milliseconds(50))
        #expect(host.writtenFrames == [request.frame])
        #expect(board.frames == [request.frame])
        let statistics = await bus.statistics
        #expect(statistics.timeouts == 1)
        #expect(statistics.framesWritten == 1)
        #expect(statistics.lastError == .noReply)
        await board.stop()
    }

    @Test func lateReplyArrivingBetweenRequestsIsDiscarded() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            let delay: Duration = frame[1] == 2 ? .milliseconds(250) : .zero
            return [BoardChunk(after: delay, bytes: XorTestFrame.replyFrame(address: frame[1]))]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        await #expect(throws: BusError.noReply) {
            try await bus.transact(XorTestFrame.busRequest(address: 2, timeout: .milliseconds(100)))
        }
        // Board 2's answer lands in the receive buffer while the bus is idle.
        try await Task.sleep(for: .milliseconds(300))
        // A scanner that takes any address would return board 2's stale reply if
        // the bus did not discard it before writing.
        let reply = try await bus.transact(XorTestFrame.busRequest(address: 3, scanAddress: false))
        #expect(reply == XorTestFrame.replyFrame(address: 3))
        #expect(await bus.statistics.noiseBytesSkipped == 0)
        await board.stop()
    }

    @Test func lateReplyArrivingDuringTheNextRequestIsSkippedAsNoise() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            guard frame[1] == 3 else { return [] }
            return [
                BoardChunk(after: .milliseconds(5), bytes: XorTestFrame.replyFrame(address: 2)),
                BoardChunk(after: .milliseconds(5), bytes: XorTestFrame.replyFrame(address: 3)),
            ]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        await #expect(throws: BusError.noReply) {
            try await bus.transact(XorTestFrame.busRequest(address: 2, timeout: .milliseconds(100)))
        }
        #expect(try await bus.transact(XorTestFrame.busRequest(address: 3)) == XorTestFrame.replyFrame(address: 3))
        #expect(await bus.statistics.noiseBytesSkipped == 5)
        await board.stop()
    }

    @Test func badChecksumIsCorruptReplyAfterQuietTime() async throws {
        let (host, device) = InMemoryTransport.pair()
        let corrupt: [UInt8] = [0x5A, 0x01, 0x01, 0x00, 0xEE]
        let board = ScriptedLockBoard(device: device) { _ in [BoardChunk(after: .zero, bytes: corrupt)] }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(quietTime: .milliseconds(50)))
        let started = ContinuousClock.now
        await #expect(throws: BusError.corruptReply(corrupt)) {
            try await bus.transact(XorTestFrame.busRequest(address: 1, timeout: .seconds(3)))
        }
        // Quiet time after the corrupt frame ends the wait, not the 3 s timeout.
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(await bus.statistics.corruptReplies == 1)
        await board.stop()
    }

    @Test func corruptFrameStillFailsWhenTheDeadlineComesBeforeQuietTime() async throws {
        let (host, device) = InMemoryTransport.pair()
        let corrupt: [UInt8] = [0x5A, 0x01, 0x01, 0x00, 0xEE]
        let board = ScriptedLockBoard(device: device) { _ in [BoardChunk(after: .zero, bytes: corrupt)] }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(quietTime: .seconds(5)))
        let started = ContinuousClock.now
        await #expect(throws: BusError.corruptReply(corrupt)) {
            try await bus.transact(XorTestFrame.busRequest(address: 1, timeout: .seconds(1)))
        }
        #expect(ContinuousClock.now - started < .seconds(4))
        await board.stop()
    }

    @Test func validFrameAfterACorruptOneIsTheReply() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            [
                BoardChunk(after: .zero, bytes: [0x5A, 0x01, 0x01, 0x00, 0xEE]),
                BoardChunk(after: .milliseconds(10), bytes: XorTestFrame.replyFrame(address: frame[1])),
            ]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(quietTime: .milliseconds(200)))
        #expect(try await bus.transact(XorTestFrame.busRequest(address: 1)) == XorTestFrame.replyFrame(address: 1))
        await board.stop()
    }

    @Test func variableLengthReplyCompletesAfterQuietTime() async throws {
        let (host, device) = InMemoryTransport.pair()
        // B0 01 B1 is already a valid short reply; the board goes on with 07 07.
        let board = ScriptedLockBoard(device: device) { _ in
            [
                BoardChunk(after: .zero, bytes: [0xB0, 0x01, 0xB1]),
                BoardChunk(after: .milliseconds(10), bytes: [0x07, 0x07]),
            ]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(quietTime: .milliseconds(100)))
        let request = BusRequest(
            frame: XorTestFrame.requestFrame(address: 1), timeout: .seconds(2), isUnlock: false,
            label: "query all", scanReply: Self.longestValidPrefix)
        let started = ContinuousClock.now
        let reply = try await bus.transact(request)
        let elapsed = ContinuousClock.now - started
        #expect(reply == [0xB0, 0x01, 0xB1, 0x07, 0x07])
        #expect(elapsed >= .milliseconds(100))
        #expect(elapsed < .seconds(1))
        await board.stop()
    }

    /// `B0 ADDR DATA.. BCC`: any prefix of three or more bytes whose last byte is
    /// the XOR of the others is a reply, and a longer one may follow.
    @Sendable static func longestValidPrefix(_ slice: ArraySlice<UInt8>) -> FrameScan {
        let bytes = Array(slice)
        guard bytes[0] == 0xB0 else { return .noise }
        var longest: Int?
        for length in stride(from: 3, through: bytes.count, by: 1)
        where bytes[0..<(length - 1)].reduce(0, ^) == bytes[length - 1] {
            longest = length
        }
        guard let longest else { return .needMore }
        return .completeUnlessMoreFollows(length: longest)
    }
}
