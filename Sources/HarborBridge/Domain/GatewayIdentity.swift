import Foundation

/// What the gateway says about itself in `GET /system` and `GET /health`.
public struct GatewayIdentity: Sendable, Equatable {
    /// The version this build reports.
    public static let version = "0.1.0"

    public var version: String
    public var startedAt: Date
    public var started: ContinuousClock.Instant
    public var dataDirectory: String

    public init(version: String = GatewayIdentity.version, startedAt: Date = Date(),
                started: ContinuousClock.Instant = .now, dataDirectory: String) {
        self.version = version
        self.startedAt = startedAt
        self.started = started
        self.dataDirectory = dataDirectory
    }

    public var uptime: Duration { ContinuousClock.now - started }
}
