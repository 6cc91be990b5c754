import Synchronization
import Testing
@testable import HarborDrivers

/// One request on the wire at a time, in arrival order, with a gap between them,
/// and cancellation that never leaves half a transaction behind.
@Suite struct LockBoardBusOrderTests {
    @Test func fiftyConcurrentTransactionsNeverInterleave() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            [BoardChunk(after: .milliseconds(1), bytes: XorTestFrame.replyFrame(address: frame[1], lock: frame[2]))]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(interFrameGap: .milliseconds(1)))
        let replies = await withTaskGroup(of: (UInt8, [UInt8]?).self) { group in
            for lock in UInt8(1)...50 {
                group.addTask {
                    let reply = try? await bus.transact(XorTestFrame.busRequest(address: 1, lock: lock))
                    return (lock, reply ?? nil)
                }
            }
            var replies: [UInt8: [UInt8]?] = [:]
            for await (lock, reply) in group { replies[lock] = reply }
            return replies
        }
        for lock in UInt8(1)...50 {
            #expect(replies[lock] == XorTestFrame.replyFrame(address: 1, lock: lock))
        }
        #expect(board.interleavings == 0)
        #expect(board.frames.count == 50)
        #expect(host.writtenFrames.count == 50)
        let statistics = await bus.statistics
        #expect(statistics.transactions == 50)
        #expect(statistics.replies == 50)
        await board.stop()
    }

    @Test func waitingRequestsRunInArrivalOrder() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            // The first board holds the bus long enough for the others to queue,
            // even on a loaded machine.
            let delay: Duration = frame[2] == 1 ? .milliseconds(1500) : .zero
            return [BoardChunk(after: delay, bytes: XorTestFrame.replyFrame(address: frame[1], lock: frame[2]))]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(interFrameGap: .zero))
        var callers: [Task<Void, Never>] = []
        for lock in UInt8(1)...6 {
            callers.append(Task {
                _ = try? await bus.transact(XorTestFrame.busRequest(address: 1, lock: lock, timeout: .seconds(3)))
            })
            // Let this caller reach its place in the queue before the next one starts.
            if lock > 1 { try await Self.waitUntil { bus.waitingRequests == Int(lock) - 1 } }
            else { try await Self.waitUntil { board.frames.count == 1 } }
        }
        for caller in callers { await caller.value }
        #expect(board.frames.map { $0[2] } == [1, 2, 3, 4, 5, 6])
        await board.stop()
    }

    @Test func interFrameGapIsLeftBetweenTransactions() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard.prompt(device: device)
        try await board.start()
        let bus = LockBoardBus(transport: host, timing: BusTiming(interFrameGap: .milliseconds(120)))
        _ = try await bus.transact(XorTestFrame.busRequest(address: 1))
        let firstEnded = ContinuousClock.now
        _ = try await bus.transact(XorTestFrame.busRequest(address: 2))
        let arrivals = board.arrivals
        #expect(arrivals.count == 2)
        #expect(arrivals[1] - firstEnded >= .milliseconds(110))
        await board.stop()
    }

    @Test func callerCancelledBeforeItsTurnWritesNothing() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard.prompt(device: device)
        try await board.start()
        let bus = LockBoardBus(transport: host)
        let cancelledEarly = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await busOutcome { () async throws(BusError) in try await bus.transact(XorTestFrame.busRequest(address: 1)) }
        }
        let outcome = await cancelledEarly.value
        #expect(throws: BusError.cancelled) { try outcome.get() }
        #expect(host.writtenFrames.isEmpty)
        #expect(await bus.statistics.cancellations == 1)
        await board.stop()
    }

    @Test func callerCancelledWhileQueuedLeavesAtOnceAndWritesNothing() async throws {
        let (host, device) = InMemoryTransport.pair()
        let board = ScriptedLockBoard(device: device) { frame in
            [BoardChunk(after: .milliseconds(400), bytes: XorTestFrame.replyFrame(address: frame[1]))]
        }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        let slow = Task { try? await bus.transact(XorTestFrame.busRequest(address: 1)) }
        try await Self.waitUntil { board.frames.count == 1 }
        let queued = Task {
            await busOutcome { () async throws(BusError) in try await bus.transact(XorTestFrame.busRequest(address: 2)) }
        }
        try await Self.waitUntil { bus.waitingRequests == 1 }
        let cancelledAt = ContinuousClock.now
        queued.cancel()
        let outcome = await queued.value
        #expect(throws: BusError.cancelled) { try outcome.get() }
        #expect(ContinuousClock.now - cancelledAt < .milliseconds(300))
        #expect(bus.waitingRequests == 0)
        #expect(await slow.value == XorTestFrame.replyFrame(address: 1))
        #expect(host.writtenFrames == [XorTestFrame.requestFrame(address: 1)])
        await board.stop()
    }

    @Test func turnstileHandsTurnsOutFirstComeFirstServed() async throws {
        let turnstile = BusTurnstile()
        #expect(await turnstile.enter())
        let order = OrderLog()
        var waiters: [Task<Void, Never>] = []
        for index in 1...5 {
            waiters.append(Task {
                if await turnstile.enter() {
                    order.append(index)
                    turnstile.leave()
                }
            })
            try await Self.waitUntil { turnstile.waiting == index }
        }
        turnstile.leave()
        for waiter in waiters { await waiter.value }
        #expect(order.values == [1, 2, 3, 4, 5])
        #expect(await turnstile.enter())
        turnstile.leave()
    }

    /// Polls a condition of test state (not of the code under test) for up to 2 s.
    static func waitUntil(_ condition: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(2)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not reached in time")
                return
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// The order in which waiters got their turn.
private final class OrderLog: Sendable {
    private let entries = Mutex<[Int]>([])

    var values: [Int] { entries.withLock { $0 } }

    func append(_ value: Int) {
        entries.withLock { $0.append(value) }
    }
}
