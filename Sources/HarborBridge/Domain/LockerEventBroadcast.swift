import Synchronization

/// Hands every published `LockerEvent` to each subscriber through a bounded
/// queue of its own.
///
/// Publishing never waits: it runs on the hardware runtime's actor, which must
/// not be held up by a slow browser. A subscriber whose queue is full loses what
/// is waiting and is told to read everything again (`.resync`); the others are
/// untouched. Every stored property is either immutable or inside the one Mutex.
public final class LockerEventBroadcast: Sendable {
    /// Events a subscriber may have waiting before it is resynced instead.
    public let capacity: Int
    private let state = Mutex(State())

    /// A broadcast keeping at most `capacity` (at least 1) events per subscriber.
    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// Subscribers that have neither ended nor been cancelled.
    public var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// A new subscriber, receiving events published from now on; after
    /// `finish()` it ends at once.
    public func subscribe() -> LockerEventSubscription {
        let id: UInt64? = state.withLock { state in
            guard !state.finished else { return nil }
            state.lastId += 1
            state.subscribers[state.lastId] = Subscriber()
            return state.lastId
        }
        return LockerEventSubscription(broadcast: self, id: id)
    }

    /// Queues `event` for every subscriber, waking those that wait.
    public func publish(_ event: LockerEvent) {
        let capacity = capacity
        let woken = state.withLock { state in
            var woken: [CheckedContinuation<LockerEventDelivery?, Never>] = []
            for id in Array(state.subscribers.keys) {
                if let waiter = state.subscribers[id]?.offer(event, capacity: capacity) { woken.append(waiter) }
            }
            return woken
        }
        for waiter in woken { waiter.resume(returning: .event(event)) }
    }

    /// Ends every subscription (service shutdown); later subscriptions end at once.
    public func finish() {
        let waiters = state.withLock { state in
            state.finished = true
            let waiters = state.subscribers.values.compactMap(\.waiter)
            state.subscribers = [:]
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    // MARK: - One subscriber's side

    /// The next delivery for subscriber `id`, waiting for one; nil once the
    /// subscription ended, was cancelled, or its task was cancelled.
    func next(_ id: UInt64?) async -> LockerEventDelivery? {
        guard let id else { return nil }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<LockerEventDelivery?, Never>) in
                let ready: LockerEventDelivery?? = state.withLock { state in
                    // Gone, or another call already waits: only one consumer at a time.
                    guard var subscriber = state.subscribers[id], subscriber.waiter == nil else { return .some(nil) }
                    if let delivery = subscriber.take() {
                        state.subscribers[id] = subscriber
                        return .some(delivery)
                    }
                    subscriber.waiter = continuation
                    state.subscribers[id] = subscriber
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel(id)
        }
    }

    /// Makes the waiting (or next) `next()` of subscriber `id` answer `.heartbeat`
    /// when no event is waiting.
    func requestHeartbeat(_ id: UInt64?) {
        guard let id else { return }
        let waiter = state.withLock { state -> CheckedContinuation<LockerEventDelivery?, Never>? in
            guard var subscriber = state.subscribers[id] else { return nil }
            defer { state.subscribers[id] = subscriber }
            guard let waiter = subscriber.waiter else {
                subscriber.heartbeatDue = true
                return nil
            }
            subscriber.waiter = nil
            return waiter
        }
        waiter?.resume(returning: .heartbeat)
    }

    /// Forgets subscriber `id`; a waiting `next()` answers nil.
    func cancel(_ id: UInt64?) {
        guard let id else { return }
        let waiter = state.withLock { $0.subscribers.removeValue(forKey: id)?.waiter }
        waiter?.resume(returning: nil)
    }

    private struct State {
        var subscribers: [UInt64: Subscriber] = [:]
        var lastId: UInt64 = 0
        var finished = false
    }

    /// One subscriber's queue.
    private struct Subscriber {
        var pending: [LockerEvent] = []
        var overflowed = false
        var heartbeatDue = false
        var waiter: CheckedContinuation<LockerEventDelivery?, Never>?

        /// Hands `event` to the waiter (returned, to be resumed outside the lock)
        /// or queues it; a full queue is emptied and marked for a resync.
        mutating func offer(_ event: LockerEvent, capacity: Int) -> CheckedContinuation<LockerEventDelivery?, Never>? {
            if let waiter {
                self.waiter = nil
                return waiter
            }
            if pending.count >= capacity {
                pending.removeAll(keepingCapacity: true)
                overflowed = true
            }
            pending.append(event)
            return nil
        }

        /// What is ready: a resync first (what waits is stale), then events in
        /// order, then a requested heartbeat.
        mutating func take() -> LockerEventDelivery? {
            if overflowed {
                overflowed = false
                return .resync
            }
            if !pending.isEmpty {
                return .event(pending.removeFirst())
            }
            if heartbeatDue {
                heartbeatDue = false
                return .heartbeat
            }
            return nil
        }
    }
}

/// One subscriber of a `LockerEventBroadcast`. A single task reads it with
/// `next()`; it is cancelled (and its queue freed) by `cancel()`, by cancelling
/// the reading task, or when it is released.
public final class LockerEventSubscription: Sendable {
    private let broadcast: LockerEventBroadcast
    /// Nil for a subscription made after the broadcast finished.
    private let id: UInt64?

    init(broadcast: LockerEventBroadcast, id: UInt64?) {
        self.broadcast = broadcast
        self.id = id
    }

    /// The next delivery, waiting for one; nil when the subscription has ended.
    public func next() async -> LockerEventDelivery? {
        await broadcast.next(id)
    }

    /// Asks for a `.heartbeat` delivery if nothing else is ready (keep-alive timers).
    public func requestHeartbeat() {
        broadcast.requestHeartbeat(id)
    }

    /// Ends the subscription; a waiting `next()` answers nil.
    public func cancel() {
        broadcast.cancel(id)
    }

    deinit {
        broadcast.cancel(id)
    }
}
