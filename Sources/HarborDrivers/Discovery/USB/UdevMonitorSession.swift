import CUdev
import Glibc
import Synchronization

/// The libudev monitor and the pipe that wakes its thread.
///
/// Sendable because the libudev objects sit in one Mutex: the monitor thread holds
/// it for its whole loop, and `close()` takes it only after that loop has ended.
final class UdevMonitorSession: Sendable {
    private struct Handles {
        let context: UdevContext
        let monitor: OpaquePointer
    }

    private let handles: Mutex<Handles?>
    private let monitorDescriptor: Int32
    private let wakeReader: Int32
    private let wakeWriter: Int32

    init(subsystem: String) throws(UdevError) {
        let context = try UdevContext()
        harbor_udev_clear_errno()
        guard let monitor = udev_monitor_new_from_netlink(context.udev, "udev") else {
            throw .monitorUnavailable(operation: "udev_monitor_new_from_netlink", errno: harbor_udev_errno())
        }
        var failure: UdevError?
        let filtered = udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, nil)
        if filtered < 0 {
            failure = .monitorUnavailable(operation: "udev_monitor_filter_add_match_subsystem_devtype", errno: -filtered)
        } else {
            let enabled = udev_monitor_enable_receiving(monitor)
            if enabled < 0 { failure = .monitorUnavailable(operation: "udev_monitor_enable_receiving", errno: -enabled) }
        }
        var ends: [Int32] = [-1, -1]
        if failure == nil {
            failure = Self.makeWakePipe(&ends)
        }
        if let failure {
            udev_monitor_unref(monitor)
            throw failure
        }
        monitorDescriptor = udev_monitor_get_fd(monitor)
        wakeReader = ends[0]
        wakeWriter = ends[1]
        handles = Mutex(Handles(context: context, monitor: monitor))
    }

    /// The monitor thread's loop: waits for the socket or the wake pipe, turns
    /// each received device into an event, and finishes the stream when it ends.
    func run(_ continuation: AsyncStream<DeviceEvent>.Continuation) {
        handles.withLock { handles in
            defer { continuation.finish() }
            guard let monitor = handles?.monitor else { return }
            var descriptors = [
                pollfd(fd: monitorDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
            ]
            while true {
                descriptors[0].revents = 0
                descriptors[1].revents = 0
                if poll(&descriptors, 2, -1) < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if descriptors[1].revents != 0 { return }
                let ready = descriptors[0].revents
                if ready & Int16(POLLIN) != 0 { Self.receiveAll(from: monitor, into: continuation) }
                if ready & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return }
            }
        }
    }

    /// A non-blocking, close-on-exec pipe (pipe2 is not visible from Swift's Glibc).
    private static func makeWakePipe(_ ends: inout [Int32]) -> UdevError? {
        guard pipe(&ends) == 0 else { return .monitorUnavailable(operation: "pipe", errno: errno) }
        for end in ends where fcntl(end, F_SETFL, O_NONBLOCK) != 0 || fcntl(end, F_SETFD, FD_CLOEXEC) != 0 {
            let code = errno
            _ = Glibc.close(ends[0])
            _ = Glibc.close(ends[1])
            return .monitorUnavailable(operation: "fcntl", errno: code)
        }
        return nil
    }

    /// Wakes the loop so it returns. A full pipe already holds a wake-up.
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Releases the monitor and the pipe; call only after the loop has returned.
    func close() {
        handles.withLock { handles in
            if let monitor = handles?.monitor { udev_monitor_unref(monitor) }
            handles = nil
        }
        _ = Glibc.close(wakeReader)
        _ = Glibc.close(wakeWriter)
    }

    /// Drains the socket (it is non-blocking): libudev skips filtered messages
    /// itself and returns nil once nothing is left.
    private static func receiveAll(from monitor: OpaquePointer, into continuation: AsyncStream<DeviceEvent>.Continuation) {
        while let device = udev_monitor_receive_device(monitor) {
            defer { udev_device_unref(device) }
            if let event = event(from: device) { continuation.yield(event) }
        }
    }

    private static func event(from device: OpaquePointer) -> DeviceEvent? {
        guard let name = udev_device_get_action(device), let record = UdevTTYRecord.read(device) else { return nil }
        return event(action: String(cString: name), record: record)
    }

    /// The event for a udev action on a tty; nil for actions that do not change
    /// whether the line is there (bind, unbind, move, online, offline).
    static func event(action name: String, record: UdevTTYRecord) -> DeviceEvent? {
        let action: DeviceAction
        switch name {
        case "add": action = .added
        case "remove": action = .removed
        case "change": action = .changed
        default: return nil
        }
        return DeviceEvent(
            action: action, devnode: record.devnode,
            byIdPath: SerialDeviceLinks.byIdLink(in: record.links), links: record.links,
            vendorId: record.vendorId?.lowercased(), productId: record.productId?.lowercased())
    }
}
