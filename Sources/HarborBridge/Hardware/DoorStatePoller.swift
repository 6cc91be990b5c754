import ServiceLifecycle
import Synchronization

/// Reads every controller's doors again and again, so door states and
/// online/offline are known without anyone asking.
///
/// Each controller is polled by its own loop: one that stays silent until its
/// timeout never delays the others. The interval is read before every wait, so
/// a configuration change takes effect without a restart. Controllers added or
/// removed at runtime are picked up within `membershipCheck`.
public struct DoorStatePoller: Service {
    private let runtime: HardwareRuntime
    private let interval: @Sendable () -> Duration
    private let membershipCheck: Duration

    /// A poller over `runtime`, waiting `interval()` after each poll of a controller.
    public init(
        runtime: HardwareRuntime,
        interval: @escaping @Sendable () -> Duration,
        membershipCheck: Duration = .milliseconds(250)
    ) {
        self.runtime = runtime
        self.interval = interval
        self.membershipCheck = membershipCheck
    }

    /// Polls until the task is cancelled or a graceful shutdown begins.
    public func run() async {
        await cancelWhenGracefulShutdown {
            await self.pollUntilCancelled()
        }
    }

    private func pollUntilCancelled() async {
        let polled = PolledControllers()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                for id in await runtime.controllerIds {
                    guard polled.ids.withLock({ $0.insert(id).inserted }) else { continue }
                    group.addTask {
                        await self.pollLoop(controllerId: id)
                        polled.ids.withLock { _ = $0.remove(id) }
                    }
                }
                try? await Task.sleep(for: membershipCheck)
            }
        }
    }

    /// Polls one controller until it is removed or the poller stops.
    private func pollLoop(controllerId: Int64) async {
        let runtime = runtime
        while !Task.isCancelled, await runtime.status(controllerId: controllerId) != nil {
            await Self.awaitUnlessCancelled { await runtime.pollOnce(controllerId: controllerId) }
            await waitInterval()
        }
    }

    /// Waits for `poll` unless the poller is cancelled first. A bus does not
    /// abandon a frame on the wire, so a poll of a silent board runs to its
    /// timeout; the poller leaves it to finish alone instead of delaying shutdown.
    private static func awaitUnlessCancelled(_ poll: @escaping @Sendable () async -> Void) async {
        let (finished, signal) = AsyncStream<Never>.makeStream()
        Task {
            await poll()
            signal.finish()
        }
        // Iteration ends when the poll finishes or, at once, when this task is cancelled.
        for await _ in finished {}
    }

    /// Sleeps the interval after a poll, in slices so a shortened interval
    /// applies to a wait already under way.
    private func waitInterval() async {
        let clock = ContinuousClock()
        let start = clock.now
        while !Task.isCancelled {
            let due = start + interval()
            guard clock.now < due else { return }
            let slice = min(due - clock.now, membershipCheck)
            do {
                try await clock.sleep(for: slice)
            } catch {
                return
            }
        }
    }
}

/// The controllers that have a poll loop, shared by the loops and the poller
/// that starts them.
private final class PolledControllers: Sendable {
    let ids = Mutex<Set<Int64>>([])
}
