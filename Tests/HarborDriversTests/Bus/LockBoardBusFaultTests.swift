import Testing
@testable import HarborDrivers

/// Device failures, reopening, requests without a required reply, and the
/// lifecycle of the transport a bus owns.
@Suite struct LockBoardBusFaultTests {
    @Test func vanishedDeviceFailsThenFailsFastThenReopensWhenItReturns() async throws {
        let (host, device) = InMemoryTransport.pair(name: "rs485")
        let board = ScriptedLockBoard(device: device) { frame in
            let delay: Duration = frame[2] == 1 ? .milliseconds(500) : .zero
            return [BoardChunk(after: delay, bytes: XorTestFrame.replyFrame(address: frame[1], lock: frame[2]))]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(reopenBackoff: .milliseconds(300)))
        let vanished = BusError.transport(.deviceVanished("memory:rs485"))

        // The adapter is pulled while the bus waits for the reply to an unlock:
        // the frame went out, so the reply is lost (outcome unknown), and the
        // device failure is recorded for the requests that follow.
        async let first = busOutcome { () async throws(BusError) in
            try await bus.transact(XorTestFrame.busRequest(address: 1, lock: 1, timeout: .seconds(3)))
        }
        try await LockBoardBusOrderTests.waitUntil { board.frames.count == 1 }
        device.vanish()
        let firstOutcome = await first
        #expect(throws: BusError.noReply) { try firstOutcome.get() }
        #expect(!host.isOpen)
        var statistics = await bus.statistics
        #expect(statistics.transportFailures == 1)
        #expect(statistics.lastError == .noReply)

        // Within the backoff a request fails fast with the last error, unwritten.
        await #expect(throws: vanished) { try await bus.transact(XorTestFrame.busRequest(address: 1, lock: 2)) }
        #expect(host.writtenFrames.count == 1)
        #expect(await bus.statistics.transportFailures == 1)

        // After the backoff the bus tries to reopen; the device is still missing.
        try await Task.sleep(for: .milliseconds(350))
        await #expect(throws: BusError.transport(.deviceNotFound("memory:rs485"))) {
            try await bus.transact(XorTestFrame.busRequest(address: 1, lock: 3))
        }
        #expect(await bus.statistics.transportFailures == 2)

        // The adapter is plugged back in: the same bus works again.
        device.reappear()
        try await Task.sleep(for: .milliseconds(350))
        let reply = try await bus.transact(XorTestFrame.busRequest(address: 1, lock: 4))
        #expect(reply == XorTestFrame.replyFrame(address: 1, lock: 4))
        statistics = await bus.statistics
        #expect(statistics.replies == 1)
        #expect(host.writtenFrames.count == 2)
        await board.stop()
    }

    @Test func optionalReplyAndSilenceIsNil() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { _ in [] }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        let started = ContinuousClock.now
        let reply = try await bus.transact(
            XorTestFrame.busRequest(address: 1, reply: .optional, timeout: .milliseconds(100)))
        #expect(reply == nil)
        #expect(ContinuousClock.now - started >= .milliseconds(95))
        let statistics = await bus.statistics
        #expect(statistics.timeouts == 1)
        #expect(statistics.lastError == nil)
        await board.stop()
    }

    @Test func optionalReplyThatArrivesIsReturned() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard.prompt(device: device)
        try await board.start()
        let bus = LockBoardBus(transport: host)
        let reply = try await bus.transact(XorTestFrame.busRequest(address: 4, reply: .optional))
        #expect(reply == XorTestFrame.replyFrame(address: 4))
        await board.stop()
    }

    @Test func requestWithoutReplyReturnsRightAfterTheWrite() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { _ in [] }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        let started = ContinuousClock.now
        let reply = try await bus.transact(XorTestFrame.busRequest(address: 0, reply: .none, timeout: .seconds(5)))
        #expect(reply == nil)
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(host.writtenFrames == [XorTestFrame.requestFrame(address: 0)])
        #expect(await bus.statistics.timeouts == 0)
        await board.stop()
    }

    @Test func transportOpensOnTheFirstRequestAndAgainAfterClose() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard.prompt(device: device)
        try await board.start()
        let bus = LockBoardBus(transport: host)
        #expect(bus.endpoint == host.endpoint)
        #expect(!host.isOpen)
        _ = try await bus.transact(XorTestFrame.busRequest(address: 1))
        #expect(host.isOpen)
        await bus.close()
        #expect(!host.isOpen)
        #expect(try await bus.transact(XorTestFrame.busRequest(address: 2)) == XorTestFrame.replyFrame(address: 2))
        await board.stop()
    }

    @Test func deviceMissingAtTheFirstRequestIsATransportError() async throws {
        let (host, device) = InMemoryTransport.pair(name: "unplugged")
        device.vanish()
        let bus = LockBoardBus(transport: host)
        await #expect(throws: BusError.transport(.deviceNotFound("memory:unplugged"))) {
            try await bus.transact(XorTestFrame.busRequest(address: 1))
        }
        #expect(host.writtenFrames.isEmpty)
        #expect(await bus.statistics.lastError == .transport(.deviceNotFound("memory:unplugged")))
    }
}

/// A line that never goes quiet: every read returns a noise byte at once, for 3 s.
private final class BabblingLine: ByteTransport {
    let endpoint = "babbling"
    private let startedAt = ContinuousClock.now

    func open() async throws(TransportError) {}
    func close() async {}
    func write(_ bytes: [UInt8]) async throws(TransportError) {}
    func discardInput() async {}

    func read(until deadline: ContinuousClock.Instant) async throws(TransportError) -> [UInt8] {
        await Task.yield()
        return ContinuousClock.now - startedAt < .seconds(3) ? [0xFF] : []
    }
}

extension LockBoardBusFaultTests {
    @Test func endlessNoiseStillEndsAtTheDeadline() async throws {
        let bus = LockBoardBus(transport: BabblingLine())
        let started = ContinuousClock.now
        await #expect(throws: BusError.noReply) {
            try await bus.transact(XorTestFrame.busRequest(address: 1, timeout: .milliseconds(100)))
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(await bus.statistics.noiseBytesSkipped > 0)
    }
}
