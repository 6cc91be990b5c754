import Synchronization

/// What a service tells systemd over its life: `READY=1` once, `STATUS=` lines
/// when they change, `WATCHDOG=1` while it proves alive, `STOPPING=1` once.
public final class SystemdSupervisor: Sendable {
    /// Where the notifications go.
    public let notifier: SystemdNotifier
    /// The watchdog systemd armed, nil when it armed none.
    public let watchdog: WatchdogSettings?

    private struct Sent {
        var ready = false
        var status: String?
        var stopping = false
    }

    private let sent = Mutex(Sent())
    private let readiness = ReadinessLatch()

    /// A supervisor sending through `notifier`, pinging for `watchdog`.
    public init(notifier: SystemdNotifier, watchdog: WatchdogSettings?) {
        self.notifier = notifier
        self.watchdog = watchdog
    }

    /// Whether `ready(status:)` was called.
    public var isReady: Bool { readiness.isOpen }

    /// `READY=1` with a first status line; later calls only update the status.
    /// The watchdog starts pinging from here on, since systemd arms it only now.
    public func ready(status: String) throws(NotifyError) {
        let first = sent.withLock { sent in
            defer { sent.ready = true }
            return !sent.ready
        }
        guard first else {
            try self.status(status)
            return
        }
        // The watchdog is let go only once READY=1 has left, so no ping overtakes it.
        defer { readiness.open() }
        try notifier.send(.ready, .status(status))
        sent.withLock { $0.status = status }
    }

    /// `STATUS=` when the text differs from the last one sent.
    public func status(_ text: String) throws(NotifyError) {
        guard sent.withLock({ $0.status != text }) else { return }
        try notifier.send(.status(text))
        sent.withLock { $0.status = text }
    }

    /// `STOPPING=1`, the first time only: shutdown may be noticed from several places.
    public func stopping() throws(NotifyError) {
        let first = sent.withLock { sent in
            defer { sent.stopping = true }
            return !sent.stopping
        }
        guard first else { return }
        try notifier.send(.stopping)
    }

    /// Waits for `ready(status:)`, then runs the watchdog loop until the task is
    /// cancelled. Returns at once when systemd armed no watchdog.
    public func feedWatchdog(
        isAlive: @escaping @Sendable () async -> Bool,
        report: @escaping @Sendable (WatchdogEvent) -> Void = { _ in }
    ) async {
        guard let watchdog else { return }
        await readiness.wait()
        guard !Task.isCancelled else { return }
        await WatchdogLoop(settings: watchdog, notifier: notifier, isAlive: isAlive, report: report).run()
    }
}
