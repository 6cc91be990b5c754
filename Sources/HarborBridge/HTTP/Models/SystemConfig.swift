/// Log severities, least to most severe (schema `LogLevel`): the gateway's own levels.
public typealias LogLevel = GatewayLogLevel

/// The current configuration, never with secrets (schema `SystemConfig`).
public struct SystemConfig: Codable, Sendable, Equatable {
    /// Display name of the gateway, 1 to 64 characters.
    public var gatewayName: String
    /// Default unlock pulse length, 50 to 5000 ms.
    public var pulseMs: Int
    /// How often controllers are polled, 100 to 60000 ms.
    public var statusPollIntervalMs: Int
    /// Most locks fired at once during open-all, 1 to 16.
    public var openAllConcurrency: Int
    /// Pause between opens during open-all, 0 to 10000 ms.
    public var openAllSpacingMs: Int
    /// Least severe level that is kept.
    public var logLevel: LogLevel
    /// Admin sessions end after this long unused, 60 to 86400 s.
    public var sessionIdleTimeoutSeconds: Int
    /// Admin sessions end this long after login, 300 to 604800 s.
    public var sessionAbsoluteTimeoutSeconds: Int
    /// Scans add the controllers they find without asking.
    public var autoAddDiscoveredControllers: Bool

    /// A configuration with every field given.
    public init(
        gatewayName: String, pulseMs: Int, statusPollIntervalMs: Int, openAllConcurrency: Int,
        openAllSpacingMs: Int, logLevel: LogLevel, sessionIdleTimeoutSeconds: Int,
        sessionAbsoluteTimeoutSeconds: Int, autoAddDiscoveredControllers: Bool
    ) {
        self.gatewayName = gatewayName
        self.pulseMs = pulseMs
        self.statusPollIntervalMs = statusPollIntervalMs
        self.openAllConcurrency = openAllConcurrency
        self.openAllSpacingMs = openAllSpacingMs
        self.logLevel = logLevel
        self.sessionIdleTimeoutSeconds = sessionIdleTimeoutSeconds
        self.sessionAbsoluteTimeoutSeconds = sessionAbsoluteTimeoutSeconds
        self.autoAddDiscoveredControllers = autoAddDiscoveredControllers
    }
}

/// The body of `PATCH /system/config` (schema `SystemConfigUpdate`): only the values to change.
public struct SystemConfigUpdate: Codable, Sendable, Equatable {
    /// Display name of the gateway, 1 to 64 characters.
    public var gatewayName: String?
    /// Default unlock pulse length, 50 to 5000 ms.
    public var pulseMs: Int?
    /// How often controllers are polled, 100 to 60000 ms.
    public var statusPollIntervalMs: Int?
    /// Most locks fired at once during open-all, 1 to 16.
    public var openAllConcurrency: Int?
    /// Pause between opens during open-all, 0 to 10000 ms.
    public var openAllSpacingMs: Int?
    /// Least severe level that is kept.
    public var logLevel: LogLevel?
    /// Admin sessions end after this long unused, 60 to 86400 s.
    public var sessionIdleTimeoutSeconds: Int?
    /// Admin sessions end this long after login, 300 to 604800 s.
    public var sessionAbsoluteTimeoutSeconds: Int?
    /// Scans add the controllers they find without asking.
    public var autoAddDiscoveredControllers: Bool?

    /// An update; values left nil keep their current setting.
    public init(
        gatewayName: String? = nil, pulseMs: Int? = nil, statusPollIntervalMs: Int? = nil,
        openAllConcurrency: Int? = nil, openAllSpacingMs: Int? = nil, logLevel: LogLevel? = nil,
        sessionIdleTimeoutSeconds: Int? = nil, sessionAbsoluteTimeoutSeconds: Int? = nil,
        autoAddDiscoveredControllers: Bool? = nil
    ) {
        self.gatewayName = gatewayName
        self.pulseMs = pulseMs
        self.statusPollIntervalMs = statusPollIntervalMs
        self.openAllConcurrency = openAllConcurrency
        self.openAllSpacingMs = openAllSpacingMs
        self.logLevel = logLevel
        self.sessionIdleTimeoutSeconds = sessionIdleTimeoutSeconds
        self.sessionAbsoluteTimeoutSeconds = sessionAbsoluteTimeoutSeconds
        self.autoAddDiscoveredControllers = autoAddDiscoveredControllers
    }
}
