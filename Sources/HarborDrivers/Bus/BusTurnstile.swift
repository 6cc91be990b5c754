import Synchronization

/// A first-come, first-served turn on the bus.
///
/// An actor alone does not serialise transactions: every `await` inside one lets
/// the next caller in. The turnstile hands the wire to one request at a time, in
/// arrival order, and lets a cancelled waiter leave the queue at once.
final class BusTurnstile: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var isTaken = false
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Requests waiting for their turn (not counting the one holding it).
    var waiting: Int {
        state.withLock { $0.waiters.count }
    }

    /// Waits for the turn; false when the task was cancelled while waiting (then
    /// the turn was not taken).
    func enter() async -> Bool {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock: the cancellation flag is set before the
                // handler runs, so either this sees it or the handler sees the waiter.
                let granted = state.withLock { state -> Bool? in
                    if Task.isCancelled { return false }
                    if !state.isTaken {
                        state.isTaken = true
                        return true
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let removed = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            removed?.continuation.resume(returning: false)
        }
    }

    /// Waits for the turn whatever happens to the task (closing the bus must not
    /// be skipped).
    func enterUncancellably() async {
        _ = await withCheckedContinuation { continuation in
            let granted = state.withLock { state -> Bool in
                guard state.isTaken else {
                    state.isTaken = true
                    return true
                }
                state.nextID += 1
                state.waiters.append(Waiter(id: state.nextID, continuation: continuation))
                return false
            }
            if granted { continuation.resume(returning: true) }
        }
    }

    /// Hands the turn to the longest waiter, or frees it.
    func leave() {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiters.isEmpty else {
                state.isTaken = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }
}
