/// Liveness and readiness (schema `Health`); also the body of the 503 of `GET /health`.
public struct Health: Codable, Sendable, Equatable {
    /// `degraded` when the store is unavailable or a controller is offline.
    public enum Status: String, Codable, Sendable, Equatable, CaseIterable {
        case ok
        case degraded
    }

    /// Whether the data store can be used.
    public enum StoreState: String, Codable, Sendable, Equatable, CaseIterable {
        case ok
        case unavailable
    }

    /// `ok`, or `degraded` when the store or a controller is down.
    public var status: Status
    /// Version of harbor-bridge.
    public var version: String
    /// Seconds since the gateway started.
    public var uptimeSeconds: Double
    /// Whether the store can be used.
    public var store: StoreState
    /// Controllers that answered their last poll.
    public var controllersOnline: Int
    /// Configured controllers.
    public var controllersTotal: Int

    /// A health report with every field given.
    public init(
        status: Status, version: String, uptimeSeconds: Double, store: StoreState, controllersOnline: Int,
        controllersTotal: Int
    ) {
        self.status = status
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.store = store
        self.controllersOnline = controllersOnline
        self.controllersTotal = controllersTotal
    }
}

/// Success without a resource body (schema `OperationResponse`).
public struct OperationResponse: Codable, Sendable, Equatable {
    /// Always true.
    public var success: Bool
    /// An optional note for people.
    public var message: String?

    /// A success answer.
    public init(message: String? = nil) {
        self.success = true
        self.message = message
    }
}
