import HarborDrivers

/// The body of `POST /controllers` (schema `CreateControllerRequest`). It reaches
/// the domain only after the per-kind rules passed: the connection fields of its
/// kind are present, those of other kinds absent, and `protocol`, `address` and
/// `lockerCount` fit each other.
public struct CreateControllerRequest: Codable, Sendable, Equatable {
    /// Display name; absent derives one from kind and id.
    public var name: String?
    /// How the controller is reached.
    public var kind: ControllerKind
    /// The board protocol.
    public var `protocol`: ControllerProtocol
    /// Lockers to create on channels 1...lockerCount.
    public var lockerCount: Int
    /// Serial device path (serial).
    public var device: String?
    /// Serial line speed (serial).
    public var baudRate: Int?
    /// Board address on the bus (serial, tcp).
    public var address: Int?
    /// Host of the TCP bridge (tcp).
    public var host: String?
    /// Port of the TCP bridge (tcp).
    public var port: Int?
    /// GPIO chip label or name (gpio).
    public var chip: String?
    /// GPIO output lines, at least `lockerCount` (gpio).
    public var lines: [String]?
    /// GPIO door switch lines, at most as many as `lines` (gpio).
    public var doorLines: [String]?
    /// Relays switch on a low level (gpio); absent means false.
    public var activeLow: Bool?
    /// Unlock pulse length; absent uses the system `pulseMs`.
    public var pulseMs: Int?
    /// How the feedback bit reads; absent means `set-closed`.
    public var feedbackPolarity: FeedbackPolarity?
    /// Discovery id from a scan result.
    public var serial: String?

    /// A request; connection fields default to absent.
    public init(
        name: String? = nil, kind: ControllerKind, protocol: ControllerProtocol, lockerCount: Int,
        device: String? = nil, baudRate: Int? = nil, address: Int? = nil, host: String? = nil, port: Int? = nil,
        chip: String? = nil, lines: [String]? = nil, doorLines: [String]? = nil, activeLow: Bool? = nil,
        pulseMs: Int? = nil, feedbackPolarity: FeedbackPolarity? = nil, serial: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.protocol = `protocol`
        self.lockerCount = lockerCount
        self.device = device
        self.baudRate = baudRate
        self.address = address
        self.host = host
        self.port = port
        self.chip = chip
        self.lines = lines
        self.doorLines = doorLines
        self.activeLow = activeLow
        self.pulseMs = pulseMs
        self.feedbackPolarity = feedbackPolarity
        self.serial = serial
    }
}

/// The body of `POST /controllers/{controllerId}/replace` (schema
/// `ReplaceControllerRequest`): the new hardware, under the same per-kind rules.
/// There is no `lockerCount`: the new controller takes over the old one's lockers.
public struct ReplaceControllerRequest: Codable, Sendable, Equatable {
    /// Display name; absent keeps the old controller's.
    public var name: String?
    /// How the new controller is reached.
    public var kind: ControllerKind
    /// Its board protocol.
    public var `protocol`: ControllerProtocol
    /// Serial device path (serial).
    public var device: String?
    /// Serial line speed (serial).
    public var baudRate: Int?
    /// Board address on the bus (serial, tcp).
    public var address: Int?
    /// Host of the TCP bridge (tcp).
    public var host: String?
    /// Port of the TCP bridge (tcp).
    public var port: Int?
    /// GPIO chip label or name (gpio).
    public var chip: String?
    /// GPIO output lines (gpio).
    public var lines: [String]?
    /// GPIO door switch lines (gpio).
    public var doorLines: [String]?
    /// Relays switch on a low level (gpio).
    public var activeLow: Bool?
    /// Unlock pulse length; absent uses the system `pulseMs`.
    public var pulseMs: Int?
    /// How the feedback bit reads.
    public var feedbackPolarity: FeedbackPolarity?
    /// Discovery id from a scan result.
    public var serial: String?

    /// A request; connection fields default to absent.
    public init(
        name: String? = nil, kind: ControllerKind, protocol: ControllerProtocol, device: String? = nil,
        baudRate: Int? = nil, address: Int? = nil, host: String? = nil, port: Int? = nil, chip: String? = nil,
        lines: [String]? = nil, doorLines: [String]? = nil, activeLow: Bool? = nil, pulseMs: Int? = nil,
        feedbackPolarity: FeedbackPolarity? = nil, serial: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.protocol = `protocol`
        self.device = device
        self.baudRate = baudRate
        self.address = address
        self.host = host
        self.port = port
        self.chip = chip
        self.lines = lines
        self.doorLines = doorLines
        self.activeLow = activeLow
        self.pulseMs = pulseMs
        self.feedbackPolarity = feedbackPolarity
        self.serial = serial
    }
}

/// The body of `POST /controllers/{controllerId}/locker-count` (schema `AdjustLockerCountRequest`).
public struct AdjustLockerCountRequest: Codable, Sendable, Equatable {
    /// The new number of lockers, 0 to 64.
    public var lockerCount: Int

    /// A request for `lockerCount` lockers.
    public init(lockerCount: Int) {
        self.lockerCount = lockerCount
    }
}

/// The answer of `POST /controllers/{controllerId}/locker-count` (schema `AdjustLockerCountResponse`).
public struct AdjustLockerCountResponse: Codable, Sendable, Equatable {
    /// The controller.
    public var controllerId: Int64
    /// Its new number of lockers.
    public var lockerCount: Int
    /// Lockers created, by id.
    public var addedLockerIds: [Int64]
    /// Lockers removed, by id.
    public var removedLockerIds: [Int64]

    /// An answer with every field given.
    public init(controllerId: Int64, lockerCount: Int, addedLockerIds: [Int64], removedLockerIds: [Int64]) {
        self.controllerId = controllerId
        self.lockerCount = lockerCount
        self.addedLockerIds = addedLockerIds
        self.removedLockerIds = removedLockerIds
    }
}
