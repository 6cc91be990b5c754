import Foundation

/// One locker compartment: a channel of a controller, with its service state.
public struct LockerRecord: Sendable, Equatable {
    /// Stable id, unique in the gateway and never reused.
    public var id: Int64
    /// The live controller that drives this locker.
    public var controllerId: Int64
    /// The lock channel on that controller, from 1.
    public var channel: Int
    /// Administratively disabled for new transactions.
    public var outOfService: Bool
    /// Machine-readable reason for the service state (e.g. `MANUAL_DISABLE`).
    public var reasonCode: String?
    /// Free-text reason for the service state.
    public var reason: String?
    /// Last change of the service state or controller assignment.
    public var updatedAt: Date
    /// When the locker was removed (controller deleted or locker count lowered).
    public var removedAt: Date?

    /// A locker record with every field given.
    public init(
        id: Int64, controllerId: Int64, channel: Int, outOfService: Bool = false,
        reasonCode: String? = nil, reason: String? = nil, updatedAt: Date, removedAt: Date? = nil
    ) {
        self.id = id
        self.controllerId = controllerId
        self.channel = channel
        self.outOfService = outOfService
        self.reasonCode = reasonCode
        self.reason = reason
        self.updatedAt = updatedAt
        self.removedAt = removedAt
    }
}

/// Locker numbers for the system view. The groups overlap: an occupied locker may also be out of service.
/// `available` counts lockers in service, operational and without an active transaction;
/// `nonOperational` counts live lockers the caller reported as not operational.
public typealias LockerCounts = (total: Int, available: Int, occupied: Int, outOfService: Int, nonOperational: Int)
