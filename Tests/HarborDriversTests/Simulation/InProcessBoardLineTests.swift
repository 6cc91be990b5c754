import HarborDrivers
import Testing

/// The in-process line answers inside the host's write when a reply is due at
/// once, and keeps latency, order and stop semantics otherwise.
@Suite struct InProcessBoardLineTests {
    private func line(faults: SimulatorFaults = SimulatorFaults()) async throws -> InProcessBoardLine {
        let line = InProcessBoardLine(
            boards: [try SimulatedBoardSpecification(boardProtocol: .cuXor, address: 1, channelCount: 24)],
            closeAfter: nil, faults: faults)
        await line.start()
        try await line.hostTransport.open()
        return line
    }

    private var openLockThree: [UInt8] {
        get throws { try CUXorCodec.encode(.open(board: 1, lock: 3)) }
    }

    @Test func aReplyDueAtOnceIsBufferedBeforeTheWriteReturns() async throws {
        let line = try await line()
        try await line.hostTransport.write(try openLockThree)
        // A deadline already past: only what is buffered now comes back.
        let reply = try await line.hostTransport.read(until: .now - .seconds(1))
        #expect(reply.count == 5)
        #expect(reply.first == 0x8A)
        #expect(await line.fireCount(address: 1, channel: 3) == 1)
        await line.stop()
    }

    @Test func aReplyWithLatencyArrivesNoEarlierThanItsLatency() async throws {
        let line = try await line(faults: SimulatorFaults(replyLatency: .milliseconds(60)))
        let sent = ContinuousClock.now
        try await line.hostTransport.write(try openLockThree)
        #expect(try await line.hostTransport.read(until: .now - .seconds(1)).isEmpty)
        let reply = try await line.hostTransport.read(until: .now + .seconds(5))
        #expect(sent.duration(to: .now) >= .milliseconds(60))
        #expect(reply.count == 5)
        await line.stop()
    }

    @Test func delayedRepliesKeepTheOrderOfTheirFrames() async throws {
        let line = try await line(faults: SimulatorFaults(replyLatency: .milliseconds(20)))
        try await line.hostTransport.write(try CUXorCodec.encode(.open(board: 1, lock: 1)))
        try await line.hostTransport.write(try CUXorCodec.encode(.open(board: 1, lock: 2)))
        var received: [UInt8] = []
        while received.count < 10 {
            let bytes = try await line.hostTransport.read(until: .now + .seconds(5))
            try #require(!bytes.isEmpty)
            received += bytes
        }
        #expect(received[2] == 1)
        #expect(received[7] == 2)
        await line.stop()
    }

    @Test func aStoppedLineDropsWhatWasStillDue() async throws {
        let line = try await line(faults: SimulatorFaults(replyLatency: .milliseconds(100)))
        try await line.hostTransport.write(try openLockThree)
        await line.stop()
        #expect(try await line.hostTransport.read(until: .now + .milliseconds(300)).isEmpty)
    }
}
