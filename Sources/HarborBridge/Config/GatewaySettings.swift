/// The settings an operator can change while the gateway runs (`PATCH /system/config`).
/// They are stored, so a change survives restarts, and applied without one.
public struct GatewaySettings: Sendable, Equatable, Codable {
    public var gatewayName: String = "Harbor Gateway"
    /// Unlock pulse for controllers that do not set their own, in milliseconds.
    public var pulseMs: Int = 500
    /// How often every controller's door states are read.
    public var statusPollIntervalMs: Int = 1000
    /// Locks allowed to fire at once during open-all (solenoid inrush).
    public var openAllConcurrency: Int = 1
    /// Time between two consecutive lock starts during open-all.
    public var openAllSpacingMs: Int = 300
    public var logLevel: GatewayLogLevel = .info
    public var sessionIdleTimeoutSeconds: Int = 1800
    public var sessionAbsoluteTimeoutSeconds: Int = 43_200
    public var autoAddDiscoveredControllers: Bool = false

    public init() {}

    /// Allowed ranges, the same the OpenAPI document states.
    public static let pulseRange = 50...5000
    public static let pollIntervalRange = 100...60_000
    public static let concurrencyRange = 1...16
    public static let spacingRange = 0...10_000
    public static let sessionIdleRange = 60...86_400
    public static let sessionAbsoluteRange = 300...604_800
    public static let nameLength = 1...64

    /// Refuses any value outside its range, naming the field.
    public func validate() throws(SettingsError) {
        try Self.check("gatewayName", gatewayName.count, Self.nameLength)
        guard !gatewayName.contains(where: { $0.isNewline }) else {
            throw .invalid(field: "gatewayName", reason: "must be one line")
        }
        try Self.check("pulseMs", pulseMs, Self.pulseRange)
        try Self.check("statusPollIntervalMs", statusPollIntervalMs, Self.pollIntervalRange)
        try Self.check("openAllConcurrency", openAllConcurrency, Self.concurrencyRange)
        try Self.check("openAllSpacingMs", openAllSpacingMs, Self.spacingRange)
        try Self.check("sessionIdleTimeoutSeconds", sessionIdleTimeoutSeconds, Self.sessionIdleRange)
        try Self.check("sessionAbsoluteTimeoutSeconds", sessionAbsoluteTimeoutSeconds, Self.sessionAbsoluteRange)
    }

    private static func check(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(SettingsError) {
        guard range.contains(value) else {
            throw .invalid(field: field, reason: "must be within \(range.lowerBound)...\(range.upperBound)")
        }
    }
}

/// Log levels, lowest first (swift-log's, which journald and the API share).
public enum GatewayLogLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case trace, debug, info, notice, warning, error, critical

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// A setting that cannot be applied.
public enum SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(field: String, reason: String)

    public var code: String { "VALIDATION_FAILED" }

    public var field: String {
        switch self {
        case let .invalid(field, _): field
        }
    }

    public var description: String {
        switch self {
        case let .invalid(field, reason): "\(field) \(reason)"
        }
    }
}
