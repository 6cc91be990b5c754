/// Why an mDNS browse or advertisement could not run. A machine without any
/// multicast-capable interface is not an error: a browse there finds nothing.
public enum DiscoveryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A socket call (socket, bind, setsockopt, sendto, pipe, getifaddrs) failed.
    case socketFailed(operation: String, errno: Int32)
    /// An interface asked for by name or address is not on this machine or has
    /// no IPv4 address.
    case interfaceNotFound(String)
    /// Text that should be an IPv4 address is not one.
    case invalidAddress(String)
    /// The service to advertise or browse cannot be written as DNS names and TXT
    /// strings (empty or over-long labels, a TXT entry over 255 bytes, port 0).
    case invalidService(String)
    /// No interface to advertise on.
    case noMulticastInterface
    /// `start()` was called on a responder that started before.
    case alreadyStarted

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .socketFailed: "DISCOVERY_SOCKET_FAILED"
        case .interfaceNotFound: "DISCOVERY_INTERFACE_NOT_FOUND"
        case .invalidAddress: "DISCOVERY_INVALID_ADDRESS"
        case .invalidService: "DISCOVERY_INVALID_SERVICE"
        case .noMulticastInterface: "DISCOVERY_NO_MULTICAST_INTERFACE"
        case .alreadyStarted: "DISCOVERY_ALREADY_STARTED"
        }
    }

    /// A sentence for logs and the operator.
    public var description: String {
        switch self {
        case let .socketFailed(operation, errno): "mDNS \(operation) failed (errno \(errno))"
        case let .interfaceNotFound(name): "no IPv4 interface '\(name)' on this machine"
        case let .invalidAddress(text): "'\(text)' is not an IPv4 address"
        case let .invalidService(why): "cannot advertise or browse that service: \(why)"
        case .noMulticastInterface: "no multicast-capable IPv4 interface is up"
        case .alreadyStarted: "the mDNS responder was started before"
        }
    }
}
