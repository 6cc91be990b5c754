import Dispatch
import Foundation
import Synchronization

/// Serial hotplug events from udev: a libudev netlink monitor on the tty
/// subsystem, so an adapter pulled out or plugged back is seen without a restart.
///
/// The monitor's socket is watched with poll(2) on a thread of its own, so waiting
/// for a plug never holds a thread of Swift's cooperative pool. Where udevd does
/// not run (a container) libudev still opens the monitor, which then stays silent.
public final class UdevMonitor: DeviceEventSource {
    /// The hotplug events of the subsystem, until `stop()`.
    public let events: AsyncStream<DeviceEvent>
    private let continuation: AsyncStream<DeviceEvent>.Continuation
    private let session: UdevMonitorSession
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)

    /// Opens the monitor and starts its thread. Fails, having started nothing,
    /// when libudev cannot make or filter the netlink socket.
    public init(subsystem: String = "tty") throws(UdevError) {
        (events, continuation) = AsyncStream.makeStream(
            of: DeviceEvent.self, bufferingPolicy: .bufferingNewest(512))
        session = try UdevMonitorSession(subsystem: subsystem)
        let session = session
        let continuation = continuation
        let finished = finished
        let thread = Thread {
            session.run(continuation)
            finished.signal()
        }
        thread.name = "harbor-udev-monitor"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Ends the thread, releases the monitor and finishes `events`. Stopping twice
    /// does nothing.
    public func stop() {
        let first = stopped.withLock { wasStopped in
            defer { wasStopped = true }
            return !wasStopped
        }
        guard first else { return }
        session.wake()
        // The loop notices the wake-up within one poll round and returns.
        finished.wait()
        session.close()
        continuation.finish()
    }
}
