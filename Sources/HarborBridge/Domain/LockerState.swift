import HarborDrivers

/// A locker as clients see it: what is stored about it plus what the hardware says now.
public struct LockerState: Sendable, Equatable {
    public var record: LockerRecord
    /// The active transaction holding the locker.
    public var transactionId: String?
    public var doorState: DoorState
    /// Its controller answers and no fault is known.
    public var operational: Bool

    /// `out_of_service` wins over `occupied`, which wins over `available`.
    public var status: String {
        if record.outOfService { return "out_of_service" }
        return transactionId == nil ? "available" : "occupied"
    }
}

/// What an open did, as the API reports it.
public struct LockerOpenReport: Sendable, Equatable {
    public var lockerId: Int64
    public var doorState: DoorState
}

/// Every locker's result of one open-all run.
public struct OpenAllReport: Sendable, Equatable {
    public var results: [OpenAllResult]
    public var duration: Duration

    public var failedCount: Int { results.filter { !$0.success && !$0.isSkipped }.count }
    public var openedCount: Int { results.filter(\.success).count }
    public var skippedCount: Int { results.filter(\.isSkipped).count }
}

extension OpenAllResult {
    var isSkipped: Bool {
        if case .skipped = outcome { return true }
        return false
    }
}

/// The gateway's health: 503 when the store cannot be used.
public struct HealthReport: Sendable, Equatable {
    public var storeUsable: Bool
    public var controllersOnline: Int
    public var controllersTotal: Int
    public var uptime: Duration

    /// `degraded` while the store is unusable or a controller is offline.
    public var isDegraded: Bool { !storeUsable || controllersOnline < controllersTotal }
}
