/// Why a notification did not reach systemd. A value to log, never a reason to stop serving.
public enum NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `NOTIFY_SOCKET` is neither an absolute path nor `@` and an abstract name.
    case unsupportedAddress(String)
    /// The name does not fit in `sockaddr_un.sun_path`.
    case addressTooLong(String)
    /// socket(2) failed with this errno.
    case socketUnavailable(errno: Int32)
    /// sendto(2) failed with this errno (EAGAIN: the receiver's queue is full).
    case sendFailed(errno: Int32)

    /// Stable code for logs.
    public var code: String {
        switch self {
        case .unsupportedAddress: "NOTIFY_ADDRESS_UNSUPPORTED"
        case .addressTooLong: "NOTIFY_ADDRESS_TOO_LONG"
        case .socketUnavailable: "NOTIFY_SOCKET_UNAVAILABLE"
        case .sendFailed: "NOTIFY_SEND_FAILED"
        }
    }

    public var description: String {
        switch self {
        case let .unsupportedAddress(text): "NOTIFY_SOCKET \"\(text)\" is not an absolute path or an @abstract name"
        case let .addressTooLong(text): "NOTIFY_SOCKET \"\(text)\" is longer than a unix socket address allows"
        case let .socketUnavailable(code): "cannot open a datagram socket (errno \(code))"
        case let .sendFailed(code): "cannot send to NOTIFY_SOCKET (errno \(code))"
        }
    }
}
