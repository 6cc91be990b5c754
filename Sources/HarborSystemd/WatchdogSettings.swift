import Glibc

/// The watchdog systemd armed for this process (`WatchdogSec=` in the unit).
public struct WatchdogSettings: Sendable, Equatable {
    /// How long systemd waits for a keep-alive before it declares the service hung.
    public let timeout: Duration

    /// A watchdog of `timeout`.
    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Half the timeout, so one late or lost keep-alive does not get the service killed.
    public var pingInterval: Duration { timeout / 2 }

    /// How long a liveness check may take before it counts as hung: half the ping
    /// interval, so a keep-alive still leaves in time after a slow check.
    public var livenessTimeout: Duration { pingInterval / 2 }

    /// Reads `WATCHDOG_USEC` and `WATCHDOG_PID` the way systemd sets them. Nil when no
    /// watchdog is armed or it is armed for another process (a parent that exec'd us
    /// without clearing its environment).
    public static func fromEnvironment(
        _ environment: (String) -> String? = ProcessEnvironment.value,
        processId: Int32 = getpid()
    ) throws(WatchdogSettingsError) -> WatchdogSettings? {
        guard let text = environment("WATCHDOG_USEC") else { return nil }
        guard let microseconds = Int64(text), microseconds > 0 else { throw .invalidTimeout(text) }
        if let pidText = environment("WATCHDOG_PID") {
            guard let pid = Int32(pidText), pid > 0 else { throw .invalidProcessId(pidText) }
            guard pid == processId else { return nil }
        }
        return WatchdogSettings(timeout: .microseconds(microseconds))
    }
}

/// Why the watchdog variables cannot be used.
public enum WatchdogSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `WATCHDOG_USEC` is not a positive number of microseconds.
    case invalidTimeout(String)
    /// `WATCHDOG_PID` is not a process id.
    case invalidProcessId(String)

    /// Stable code for logs.
    public var code: String {
        switch self {
        case .invalidTimeout: "WATCHDOG_USEC_INVALID"
        case .invalidProcessId: "WATCHDOG_PID_INVALID"
        }
    }

    public var description: String {
        switch self {
        case let .invalidTimeout(text): "WATCHDOG_USEC \"\(text)\" is not a positive number of microseconds"
        case let .invalidProcessId(text): "WATCHDOG_PID \"\(text)\" is not a process id"
        }
    }
}
