#if canImport(Glibc)
import Glibc
#endif

/// Why libudev could not list or watch devices. A gateway without udev (a
/// container, a minimal image) reports this and keeps serving.
public enum UdevError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `udev_new` failed: no usable libudev context.
    case udevUnavailable(errno: Int32)
    /// Listing devices failed; `operation` names the libudev call.
    case enumerationFailed(operation: String, errno: Int32)
    /// The hotplug monitor could not be set up (no netlink socket, refused filter).
    case monitorUnavailable(operation: String, errno: Int32)

    /// Stable SCREAMING_SNAKE_CASE code, the same the HTTP API answers with.
    public var code: String {
        switch self {
        case .udevUnavailable: "UDEV_UNAVAILABLE"
        case .enumerationFailed: "UDEV_ENUMERATION_FAILED"
        case .monitorUnavailable: "UDEV_MONITOR_UNAVAILABLE"
        }
    }

    /// A sentence for logs and the API's error body.
    public var description: String {
        switch self {
        case let .udevUnavailable(errno):
            "libudev is unavailable: \(Self.errnoText(errno))"
        case let .enumerationFailed(operation, errno):
            "listing serial devices failed in \(operation): \(Self.errnoText(errno))"
        case let .monitorUnavailable(operation, errno):
            "the hotplug monitor failed in \(operation): \(Self.errnoText(errno))"
        }
    }

    /// The C library's text for an errno value, with the number for searching.
    static func errnoText(_ number: Int32) -> String {
        guard number != 0, let text = strerror(number) else { return "errno \(number)" }
        return "\(String(cString: text)) (errno \(number))"
    }
}
