import Foundation
import HarborDrivers

/// Where a locker stands for new transactions (schema `LockerStatus`).
public enum LockerStatus: String, Codable, Sendable, Equatable, CaseIterable {
    case available
    case occupied
    case outOfService = "out_of_service"
}

/// Why a locker was set out of service (schema `LockerReasonCode`).
public enum LockerReasonCode: String, Codable, Sendable, Equatable, CaseIterable {
    case manualDisable = "MANUAL_DISABLE"
    case maintenance = "MAINTENANCE"
    case hardwareFault = "HARDWARE_FAULT"
    case lockFault = "LOCK_FAULT"
    case doorSensorFault = "DOOR_SENSOR_FAULT"
    case damaged = "DAMAGED"
    case cleaning = "CLEANING"
    case other = "OTHER"
}

/// One locker compartment as clients see it (schema `Locker`). Its `doorState`
/// reuses `HarborDrivers.DoorState`, whose raw values are the document's enum.
public struct Locker: Codable, Sendable, Equatable {
    /// Stable id, unique in the gateway and never reused.
    public var id: Int64
    /// The controller that drives it.
    public var controllerId: Int64
    /// Lock channel on the controller, from 1.
    public var channel: Int
    /// Where it stands for new transactions.
    public var status: LockerStatus
    /// Set administratively with `PATCH /lockers/{lockerId}`.
    public var outOfService: Bool
    /// Null (written as JSON `null`) when none is stored.
    public var reasonCode: LockerReasonCode?
    /// Null (written as JSON `null`) when none is stored.
    public var reason: String?
    /// Door state as last read from the feedback switch.
    public var doorState: DoorState
    /// Its controller answers and no hardware fault is known.
    public var operational: Bool
    /// The active transaction holding it; written as JSON `null` when free.
    public var transactionId: String?
    /// Last change of any of these fields.
    public var updatedAt: Date

    /// A locker with every field given.
    public init(
        id: Int64, controllerId: Int64, channel: Int, status: LockerStatus, outOfService: Bool,
        reasonCode: LockerReasonCode?, reason: String?, doorState: DoorState, operational: Bool,
        transactionId: String?, updatedAt: Date
    ) {
        self.id = id
        self.controllerId = controllerId
        self.channel = channel
        self.status = status
        self.outOfService = outOfService
        self.reasonCode = reasonCode
        self.reason = reason
        self.doorState = doorState
        self.operational = operational
        self.transactionId = transactionId
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, controllerId, channel, status, outOfService, reasonCode, reason, doorState, operational
        case transactionId, updatedAt
    }

    /// Writes the nullable fields as `null` rather than leaving them out: the document requires them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(controllerId, forKey: .controllerId)
        try container.encode(channel, forKey: .channel)
        try container.encode(status, forKey: .status)
        try container.encode(outOfService, forKey: .outOfService)
        try container.encode(reasonCode, forKey: .reasonCode)
        try container.encode(reason, forKey: .reason)
        try container.encode(doorState, forKey: .doorState)
        try container.encode(operational, forKey: .operational)
        try container.encode(transactionId, forKey: .transactionId)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// Every locker of the gateway, ordered by id (schema `LockerList`).
public struct LockerList: Codable, Sendable, Equatable {
    /// Every locker, by id.
    public var lockers: [Locker]

    /// A list of lockers.
    public init(lockers: [Locker]) {
        self.lockers = lockers
    }
}
