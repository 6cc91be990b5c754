import Dispatch
import Synchronization

/// Waits, without holding a thread, until a non-blocking file descriptor accepts
/// bytes again (a full serial output buffer, a TCP connect in progress).
///
/// `wait` returns only after the dispatch source is unregistered, so the caller
/// may close the descriptor right away.
final class WritabilityWait: Sendable {
    /// How a wait ended.
    enum Outcome: Sendable, Equatable {
        case writable
        case timedOut
        case cancelled
    }

    private struct State {
        var outcome: Outcome?
        var source: DispatchSourceHandle?
        var continuation: CheckedContinuation<Outcome, Never>?
        var cancelledEarly = false
    }

    private let fileDescriptor: Int32
    private let queue: DispatchQueue
    private let state = Mutex(State())

    init(fileDescriptor: Int32, queue: DispatchQueue) {
        self.fileDescriptor = fileDescriptor
        self.queue = queue
    }

    /// Waits for writability until `deadline`; call once per instance.
    func wait(until deadline: ContinuousClock.Instant) async -> Outcome {
        let remaining = deadline - ContinuousClock.now
        return await withCheckedContinuation { continuation in
            let source = DispatchSource.makeWriteSource(fileDescriptor: fileDescriptor, queue: queue)
            let startNow = state.withLock { state -> Bool in
                state.continuation = continuation
                state.source = DispatchSourceHandle(source: source)
                return !state.cancelledEarly
            }
            source.setEventHandler { [self] in finish(.writable) }
            // Resuming from the cancel handler guarantees the source is gone first.
            source.setCancelHandler { [self] in
                let (continuation, outcome) = state.withLock { state in
                    let pending = state.continuation
                    state.continuation = nil
                    state.source = nil
                    return (pending, state.outcome ?? .cancelled)
                }
                continuation?.resume(returning: outcome)
            }
            source.resume()
            guard startNow, remaining > .zero else {
                finish(startNow ? .timedOut : .cancelled)
                return
            }
            queue.asyncAfter(deadline: .now() + remaining.dispatchInterval) { [self] in
                finish(.timedOut)
            }
        }
    }

    /// Ends a pending or future wait with `.cancelled` (the descriptor is closing).
    func cancel() {
        let hadSource = state.withLock { state -> Bool in
            state.cancelledEarly = true
            return state.source != nil
        }
        if hadSource { finish(.cancelled) }
    }

    private func finish(_ outcome: Outcome) {
        let source = state.withLock { state -> DispatchSourceHandle? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            return state.source
        }
        source?.source.cancel()
    }
}

/// A dispatch source passed between threads and kept in `Mutex` state.
///
/// `@unchecked Sendable` is sound: the only stored property is immutable, and
/// libdispatch documents a source's `resume`, `cancel` and handler setters as safe
/// to call from any thread (corelibs-libdispatch just does not mark the type).
struct DispatchSourceHandle: @unchecked Sendable {
    let source: any DispatchSourceProtocol
}
