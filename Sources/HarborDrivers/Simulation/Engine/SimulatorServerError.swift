/// Why the simulator could not start serving.
public enum SimulatorServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither a pseudo-terminal nor a TCP port was asked for.
    case noEndpoint
    /// `start()` was called on a server that started before.
    case alreadyStarted
    /// The system gave no pseudo-terminal.
    case pseudoTerminalUnavailable(operation: String, errno: Int32)
    /// The link path holds something that is not a symlink, or cannot be written.
    case linkRefused(path: String, why: String)
    /// The bind host is not an address this machine can listen on.
    case badBindHost(String)
    /// Listening on the TCP endpoint failed (port in use, no permission).
    case tcpListenFailed(endpoint: String, errno: Int32)
    /// The frame log file cannot be opened for writing.
    case frameLogUnwritable(path: String, errno: Int32)
    /// Any other OS call failed.
    case system(operation: String, errno: Int32)

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .noEndpoint: "SIM_NO_ENDPOINT"
        case .alreadyStarted: "SIM_ALREADY_STARTED"
        case .pseudoTerminalUnavailable: "SIM_PTY_UNAVAILABLE"
        case .linkRefused: "SIM_LINK_REFUSED"
        case .badBindHost: "SIM_BAD_BIND_HOST"
        case .tcpListenFailed: "SIM_TCP_LISTEN_FAILED"
        case .frameLogUnwritable: "SIM_FRAME_LOG_UNWRITABLE"
        case .system: "SIM_SYSTEM_ERROR"
        }
    }

    public var description: String {
        switch self {
        case .noEndpoint: "no endpoint to serve: ask for a pseudo-terminal or a TCP port"
        case .alreadyStarted: "the simulator was started before"
        case let .pseudoTerminalUnavailable(operation, errno): "no pseudo-terminal: \(operation) failed (errno \(errno))"
        case let .linkRefused(path, why): "cannot link \(path): \(why)"
        case let .badBindHost(host): "cannot listen on host \(host)"
        case let .tcpListenFailed(endpoint, errno): "cannot listen on \(endpoint) (errno \(errno))"
        case let .frameLogUnwritable(path, errno): "cannot write frame log \(path) (errno \(errno))"
        case let .system(operation, errno): "\(operation) failed (errno \(errno))"
        }
    }
}
