import Foundation
import HarborSystemd
import Logging
import ServiceLifecycle
import Synchronization

/// Tells systemd the truth: READY=1 and a STATUS line once the port is bound (the
/// store and the controllers were loaded before), WATCHDOG=1 only while a store read
/// and a hop into the hardware runtime answer in time, STOPPING=1 when shutdown begins.
/// Outside systemd every notification is a no-op.
final class SystemdSupervision: Service {
    let supervisor: SystemdSupervisor
    let store: HarborStore
    let runtime: HardwareRuntime
    let logger: Logger
    private let address = Mutex<String?>(nil)

    init(store: HarborStore, runtime: HardwareRuntime, logger: Logger) {
        var watchdog: WatchdogSettings?
        do {
            watchdog = try WatchdogSettings.fromEnvironment()
        } catch {
            logger.error("systemd watchdog ignored: \(error)", metadata: ["code": "\(error.code)"])
        }
        supervisor = SystemdSupervisor(notifier: SystemdNotifier(), watchdog: watchdog)
        self.store = store
        self.runtime = runtime
        self.logger = logger
    }

    /// Sends READY=1. Runs in the HTTP server's task, the first service the group stops
    /// on SIGTERM: a task started here shares that shutdown signal, so STOPPING=1 leaves
    /// as shutdown begins rather than after in-flight requests have finished.
    func serving(host: String, port: Int) async {
        address.withLock { $0 = "\(host):\(port)" }
        let line = await statusLine()
        notify { () throws(NotifyError) in try supervisor.ready(status: line) }
        Task { [self] in
            try? await gracefulShutdown()
            notify { () throws(NotifyError) in try supervisor.stopping() }
        }
    }

    func run() async {
        await withGracefulShutdownHandler {
            if supervisor.watchdog == nil {
                try? await gracefulShutdown()
            } else {
                await cancelWhenGracefulShutdown { [self] in
                    await supervisor.feedWatchdog(isAlive: { await self.isAlive() }, report: { self.log($0) })
                }
            }
        } onGracefulShutdown: { [self] in
            notify { () throws(NotifyError) in try supervisor.stopping() }
        }
    }

    /// A real read of the database and a round trip through the hardware actor; the
    /// answer also refreshes the STATUS line.
    private func isAlive() async -> Bool {
        guard await store.answers() else { return false }
        let line = await statusLine()
        notify { () throws(NotifyError) in try supervisor.status(line) }
        return true
    }

    private func statusLine() async -> String {
        let controllers = await runtime.statuses().values
        let lockers = controllers.reduce(0) { $0 + $1.lockerCount }
        let online = controllers.count { $0.online }
        let place = address.withLock { $0 } ?? "an unbound port"
        return "serving \(lockers) lockers on \(place); \(online)/\(controllers.count) controllers online"
    }

    private func notify(_ send: () throws(NotifyError) -> Void) {
        do {
            try send()
        } catch {
            logger.warning("systemd notification failed: \(error)", metadata: ["code": "\(error.code)"])
        }
    }

    private func log(_ event: WatchdogEvent) {
        switch event {
        case .pinged:
            logger.trace("systemd watchdog pinged")
        case let .missed(verdict):
            logger.error("liveness check \(verdict): systemd watchdog not pinged", metadata: ["code": "WATCHDOG_MISSED"])
        case let .pingFailed(error):
            logger.warning("systemd watchdog ping failed: \(error)", metadata: ["code": "\(error.code)"])
        }
    }
}
