import Synchronization

/// A one-way gate: tasks wait on it until it opens, once and for good.
/// Waiting ends early, without the gate opening, when the waiting task is cancelled.
final class ReadinessLatch: Sendable {
    private struct State {
        var isOpen = false
        var nextTicket: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var cancelledTickets: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// Whether the gate has opened.
    var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Opens the gate and releases every waiter.
    func open() {
        let released = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in released { waiter.resume() }
    }

    /// Returns once the gate is open or the task is cancelled.
    func wait() async {
        let ticket = state.withLock { state in
            defer { state.nextTicket += 1 }
            return state.nextTicket
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    // Cancellation may have come before this continuation existed.
                    if state.isOpen || state.cancelledTickets.remove(ticket) != nil { return true }
                    state.waiters[ticket] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: ticket) else {
                    if !state.isOpen { state.cancelledTickets.insert(ticket) }
                    return CheckedContinuation<Void, Never>?.none
                }
                return waiter
            }
            waiter?.resume()
        }
    }
}
