import Dispatch
import Synchronization

/// Bytes that arrived from a device and were not read yet, plus the one reader
/// waiting for them.
///
/// Producers (a dispatch read source, the other end of an in-memory pair) append
/// from any thread; the waiting reader is resumed at once, so a reply reaches the
/// bus without polling. The read deadline is a dispatch timer, so no thread of the
/// cooperative pool ever sleeps.
final class ReceiveBuffer: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Result<[UInt8], TransportError>, Never>
        let deadlineTimer: DispatchWorkItem
    }

    private struct State {
        var bytes: [UInt8] = []
        var failure: TransportError?
        var waiter: Waiter?
        var nextWaiterID: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Runs the deadline timers; a serial queue so a timer never races its own setup.
    private let timerQueue: DispatchQueue

    init(timerQueue: DispatchQueue) {
        self.timerQueue = timerQueue
    }

    /// Adds bytes that arrived and wakes the waiting reader with everything buffered.
    func append(_ newBytes: [UInt8]) {
        guard !newBytes.isEmpty else { return }
        let woken = state.withLock { state -> (Waiter, [UInt8])? in
            guard state.failure == nil else { return nil }
            state.bytes.append(contentsOf: newBytes)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            let bytes = state.bytes
            state.bytes = []
            return (waiter, bytes)
        }
        if let (waiter, bytes) = woken {
            waiter.deadlineTimer.cancel()
            waiter.continuation.resume(returning: .success(bytes))
        }
    }

    /// Makes the waiting and every later read fail with `error` (the first failure wins).
    func fail(_ error: TransportError) {
        let woken = state.withLock { state -> Waiter? in
            if state.failure == nil { state.failure = error }
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        if let woken {
            woken.deadlineTimer.cancel()
            woken.continuation.resume(returning: .failure(error))
        }
    }

    /// The failure reads report, if any.
    var failure: TransportError? {
        state.withLock { $0.failure }
    }

    /// Drops buffered bytes (late replies, line noise).
    func discard() {
        state.withLock { $0.bytes.removeAll(keepingCapacity: true) }
    }

    /// Returns the buffered bytes, waiting until at least one arrives or `deadline`
    /// passes (then `[]`). Bytes that arrived before a failure are still delivered.
    /// A second concurrent reader supersedes the first, which gets `[]`.
    func read(until deadline: ContinuousClock.Instant) async throws(TransportError) -> [UInt8] {
        // What is already here needs neither a suspension nor a deadline timer.
        let buffered = state.withLock { state -> Result<[UInt8], TransportError>? in
            if !state.bytes.isEmpty {
                defer { state.bytes = [] }
                return .success(state.bytes)
            }
            return state.failure.map(Result.failure)
        }
        if let buffered { return try buffered.get() }
        let result = await withCheckedContinuation { continuation in
            register(continuation, until: deadline)
        }
        return try result.get()
    }

    private func register(
        _ continuation: CheckedContinuation<Result<[UInt8], TransportError>, Never>,
        until deadline: ContinuousClock.Instant
    ) {
        enum Registration {
            case ready(Result<[UInt8], TransportError>)
            case waiting(id: UInt64, timer: DispatchWorkItem, superseded: Waiter?)
        }
        let remaining = deadline - ContinuousClock.now
        let registration = state.withLock { state -> Registration in
            if !state.bytes.isEmpty {
                let bytes = state.bytes
                state.bytes = []
                return .ready(.success(bytes))
            }
            if let failure = state.failure { return .ready(.failure(failure)) }
            if remaining <= .zero { return .ready(.success([])) }
            state.nextWaiterID += 1
            let id = state.nextWaiterID
            let timer = DispatchWorkItem { [weak self] in self?.expire(waiterID: id) }
            let superseded = state.waiter
            state.waiter = Waiter(id: id, continuation: continuation, deadlineTimer: timer)
            return .waiting(id: id, timer: timer, superseded: superseded)
        }
        switch registration {
        case let .ready(result):
            continuation.resume(returning: result)
        case let .waiting(_, timer, superseded):
            if let superseded {
                superseded.deadlineTimer.cancel()
                superseded.continuation.resume(returning: .success([]))
            }
            timerQueue.asyncAfter(deadline: .now() + remaining.dispatchInterval, execute: timer)
        }
    }

    private func expire(waiterID: UInt64) {
        let expired = state.withLock { state -> Waiter? in
            guard let waiter = state.waiter, waiter.id == waiterID else { return nil }
            state.waiter = nil
            return waiter
        }
        expired?.continuation.resume(returning: .success([]))
    }
}

extension Duration {
    /// The duration as a dispatch interval, clamped to what dispatch can express.
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return .nanoseconds(0) }
        guard seconds < 1_000_000_000 else { return .seconds(1_000_000_000) }
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
