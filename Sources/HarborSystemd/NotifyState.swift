/// One assignment of the sd_notify protocol, as systemd reads it from a datagram.
public enum NotifyState: Sendable, Equatable {
    /// Start-up is finished: systemd marks the unit active and starts its dependants.
    case ready
    /// A line for `systemctl status`.
    case status(String)
    /// A watchdog keep-alive.
    case watchdog
    /// Shutdown has begun.
    case stopping

    /// The `KEY=value` line systemd expects.
    public var line: String {
        switch self {
        case .ready: "READY=1"
        case .watchdog: "WATCHDOG=1"
        case .stopping: "STOPPING=1"
        // A line break would end the assignment early and turn the rest into a bogus key.
        case let .status(text): "STATUS=" + text.map { $0.isNewline ? " " : String($0) }.joined()
        }
    }

    /// The datagram carrying `states`, one assignment per line.
    public static func datagram(_ states: [NotifyState]) -> String {
        states.map(\.line).joined(separator: "\n")
    }
}
