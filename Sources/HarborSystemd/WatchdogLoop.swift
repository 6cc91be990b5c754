/// What the watchdog loop did on one tick.
public enum WatchdogEvent: Sendable, Equatable {
    /// The service proved alive and systemd got `WATCHDOG=1`.
    case pinged
    /// The liveness check did not succeed, so no keep-alive was sent.
    case missed(LivenessVerdict)
    /// The service was alive but the keep-alive could not be sent.
    case pingFailed(NotifyError)
}

/// Sends `WATCHDOG=1` every interval, but only after a liveness check passed.
///
/// A bare timer would keep pinging from a process whose database or hardware
/// actor is stuck; tying each keep-alive to a real round trip through them lets
/// systemd restart a service that no longer serves.
public struct WatchdogLoop: Sendable {
    /// Time between the starts of two checks.
    public let interval: Duration
    /// How long one check may take before it counts as hung.
    public let livenessTimeout: Duration
    let notifier: SystemdNotifier
    let isAlive: @Sendable () async -> Bool
    let report: @Sendable (WatchdogEvent) -> Void

    /// A loop checking every `interval`, giving each check `livenessTimeout`.
    public init(
        interval: Duration, livenessTimeout: Duration, notifier: SystemdNotifier,
        isAlive: @escaping @Sendable () async -> Bool,
        report: @escaping @Sendable (WatchdogEvent) -> Void = { _ in }
    ) {
        self.interval = interval
        self.livenessTimeout = livenessTimeout
        self.notifier = notifier
        self.isAlive = isAlive
        self.report = report
    }

    /// A loop paced by the watchdog systemd armed.
    public init(
        settings: WatchdogSettings, notifier: SystemdNotifier,
        isAlive: @escaping @Sendable () async -> Bool,
        report: @escaping @Sendable (WatchdogEvent) -> Void = { _ in }
    ) {
        self.init(
            interval: settings.pingInterval, livenessTimeout: settings.livenessTimeout,
            notifier: notifier, isAlive: isAlive, report: report)
    }

    /// Checks and pings, the first time at once, until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            let tick = ContinuousClock.now
            switch await LivenessProbe.run(timeout: livenessTimeout, check: isAlive) {
            case .cancelled:
                return
            case .alive:
                do {
                    try notifier.send(.watchdog)
                    report(.pinged)
                } catch {
                    report(.pingFailed(error))
                }
            case let verdict:
                report(.missed(verdict))
            }
            do {
                try await Task.sleep(until: tick + interval, clock: .continuous)
            } catch {
                return
            }
        }
    }
}
