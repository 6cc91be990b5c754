import Synchronization

/// What one liveness check said.
public enum LivenessVerdict: Sendable, Equatable {
    /// The check answered yes in time.
    case alive
    /// The check answered no.
    case failed
    /// The check did not answer in time: something it needs is stuck.
    case timedOut
    /// The waiting task was cancelled (the service is stopping).
    case cancelled
}

/// Runs a liveness check with a deadline.
///
/// A hung check is exactly what the watchdog is for, so the probe must return
/// even when the check never does. A task group would wait for its hung child,
/// hence a continuation resumed by whichever of the check and the timer is first;
/// a check that never returns keeps its task until systemd restarts the process.
enum LivenessProbe {
    static func run(timeout: Duration, check: @escaping @Sendable () async -> Bool) async -> LivenessVerdict {
        let outcome = FirstVerdict()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                outcome.arm(continuation)
                let timer = Task {
                    // Only a sleep that ran its course is a timeout; a cancelled one means the check answered.
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    outcome.settle(.timedOut)
                }
                Task {
                    let alive = await check()
                    outcome.settle(alive ? .alive : .failed)
                    timer.cancel()
                }
            }
        } onCancel: {
            outcome.settle(.cancelled)
        }
    }
}

/// The first verdict wins; it may come before the continuation is armed (an
/// already cancelled task), in which case arming resumes at once.
final class FirstVerdict: Sendable {
    private enum State {
        case waiting
        case armed(CheckedContinuation<LivenessVerdict, Never>)
        case settled(LivenessVerdict)
        case done
    }

    private let state = Mutex(State.waiting)

    func arm(_ continuation: CheckedContinuation<LivenessVerdict, Never>) {
        let early: LivenessVerdict? = state.withLock { state in
            guard case let .settled(verdict) = state else {
                state = .armed(continuation)
                return nil
            }
            state = .done
            return verdict
        }
        if let early { continuation.resume(returning: early) }
    }

    func settle(_ verdict: LivenessVerdict) {
        let waiting: CheckedContinuation<LivenessVerdict, Never>? = state.withLock { state in
            switch state {
            case .waiting:
                state = .settled(verdict)
                return nil
            case let .armed(continuation):
                state = .done
                return continuation
            case .settled, .done:
                return nil
            }
        }
        waiting?.resume(returning: verdict)
    }
}
