import Foundation
import HarborDrivers

/// One controller in the admin list: what is stored, what the runtime knows now
/// and how many lockers it drives.
public struct ControllerSummary: Sendable, Equatable {
    /// The stored controller.
    public var record: ControllerRecord
    /// The runtime's live view; nil when the runtime has not loaded it.
    public var status: ControllerRuntimeStatus?
    /// Live lockers placed on it.
    public var lockerCount: Int

    /// A summary with every field given.
    public init(record: ControllerRecord, status: ControllerRuntimeStatus?, lockerCount: Int) {
        self.record = record
        self.status = status
        self.lockerCount = lockerCount
    }

    /// Whether the controller answered the last time it was asked.
    public var online: Bool { status?.online ?? false }
}

/// One controller in full: the summary plus its lockers and the controller it took over from.
public struct ControllerDetailsView: Sendable, Equatable {
    /// The stored controller.
    public var record: ControllerRecord
    /// The runtime's live view (online, last seen, counters, last error).
    public var status: ControllerRuntimeStatus?
    /// Its lockers by channel, as clients see lockers.
    public var lockers: [LockerState]
    /// The retired controller whose lockers this one took over, if any.
    public var replaced: ControllerRecord?

    /// Details with every field given.
    public init(record: ControllerRecord, status: ControllerRuntimeStatus?, lockers: [LockerState], replaced: ControllerRecord?) {
        self.record = record
        self.status = status
        self.lockers = lockers
        self.replaced = replaced
    }

    /// The same controller as the list shows it.
    public var summary: ControllerSummary {
        ControllerSummary(record: record, status: status, lockerCount: lockers.count)
    }
}

/// What a locker-count adjustment did.
public struct LockerCountChange: Sendable, Equatable {
    /// Ids of the lockers created on the new channels (never reused ids).
    public var added: [Int64]
    /// Ids of the lockers removed from the highest channels.
    public var removed: [Int64]
    /// The controller afterwards.
    public var controller: ControllerSummary

    /// A change with every field given.
    public init(added: [Int64], removed: [Int64], controller: ControllerSummary) {
        self.added = added
        self.removed = removed
        self.controller = controller
    }
}

/// The gateway's network interfaces as read at one moment.
public struct NetworkSnapshot: Sendable, Equatable {
    /// Every interface with its addresses.
    public var interfaces: [NetworkInterfaceInfo]
    /// When they were read.
    public var at: Date

    /// A snapshot with every field given.
    public init(interfaces: [NetworkInterfaceInfo], at: Date) {
        self.interfaces = interfaces
        self.at = at
    }
}

/// A change to a controller's settings (`PATCH /controllers/{id}`): nil leaves a
/// field as it is. Kind, protocol and locker count are not settings: replace the
/// controller or adjust its locker count instead.
public struct ControllerPatch: Sendable, Equatable {
    public var name: String?
    public var address: Int?
    public var device: String?
    public var baudRate: Int?
    public var host: String?
    public var port: Int?
    public var pulseMs: Int?
    public var feedbackPolarity: FeedbackPolarity?
    public var activeLow: Bool?
    public var lines: [String]?
    public var doorLines: [String]?
    /// `pulseMs: null`: back to the gateway's default pulse.
    public var clearPulse = false
    /// `doorLines: null`: no door switches any more.
    public var clearDoorLines = false

    /// A patch naming the fields to change.
    public init(
        name: String? = nil, address: Int? = nil, device: String? = nil, baudRate: Int? = nil,
        host: String? = nil, port: Int? = nil, pulseMs: Int? = nil, feedbackPolarity: FeedbackPolarity? = nil,
        activeLow: Bool? = nil, lines: [String]? = nil, doorLines: [String]? = nil
    ) {
        self.name = name
        self.address = address
        self.device = device
        self.baudRate = baudRate
        self.host = host
        self.port = port
        self.pulseMs = pulseMs
        self.feedbackPolarity = feedbackPolarity
        self.activeLow = activeLow
        self.lines = lines
        self.doorLines = doorLines
    }

    /// The fields the patch sets, by their API names (for the audit log and kind checks).
    var fieldsSet: [String] {
        let fields: [(String, Bool)] = [
            ("name", name != nil), ("address", address != nil), ("device", device != nil),
            ("baudRate", baudRate != nil), ("host", host != nil), ("port", port != nil),
            ("pulseMs", pulseMs != nil || clearPulse), ("feedbackPolarity", feedbackPolarity != nil),
            ("activeLow", activeLow != nil), ("lines", lines != nil),
            ("doorLines", doorLines != nil || clearDoorLines),
        ]
        return fields.filter(\.1).map(\.0)
    }
}

/// Why a locker is out of service: the document's `LockerReasonCode` values.
public enum LockerServiceReason {
    /// Every code `PATCH /lockers/{id}` accepts.
    public static let codes: Set<String> = [
        "MANUAL_DISABLE", "MAINTENANCE", "HARDWARE_FAULT", "LOCK_FAULT", "DOOR_SENSOR_FAULT",
        "DAMAGED", "CLEANING", "OTHER",
    ]
    /// Longest free-text reason kept.
    public static let maximumReasonLength = 500
}
