import Foundation
import HarborDrivers

/// A lock controller with its connection settings (schema `Controller`; prefixed
/// like `APILockController`). Fields that do not apply to its kind are null and
/// written out as JSON `null`.
public struct APIController: Codable, Sendable, Equatable {
    /// Controller id, assigned by the gateway and never reused.
    public var id: Int64
    /// Display name, 1 to 64 characters.
    public var name: String
    /// How the controller is reached.
    public var kind: ControllerKind
    /// The board protocol it speaks.
    public var `protocol`: ControllerProtocol
    /// It answered its last status poll.
    public var online: Bool
    /// Number of lockers it drives.
    public var lockerCount: Int
    /// Board address on the bus (serial, tcp).
    public var address: Int?
    /// Serial device path (serial).
    public var device: String?
    /// Serial line speed (serial).
    public var baudRate: Int?
    /// Host name or IP address of the TCP bridge (tcp).
    public var host: String?
    /// TCP port of the bridge (tcp).
    public var port: Int?
    /// GPIO chip label or name (gpio).
    public var chip: String?
    /// GPIO output line names; line i drives channel i (gpio).
    public var lines: [String]?
    /// GPIO input lines of the door switches (gpio); null without door sensing.
    public var doorLines: [String]?
    /// GPIO relays switch on a low level (false for other kinds).
    public var activeLow: Bool
    /// Unlock pulse length; null uses the system `pulseMs`.
    public var pulseMs: Int?
    /// How the board's feedback bit reads.
    public var feedbackPolarity: FeedbackPolarity
    /// Discovery id used to recognise the board in scans.
    public var serial: String?
    /// Last valid reply from the board; null if never seen.
    public var lastSeenAt: Date?
    /// When the controller was added.
    public var createdAt: Date

    /// A controller with every field given; connection fields default to null.
    public init(
        id: Int64, name: String, kind: ControllerKind, protocol: ControllerProtocol, online: Bool, lockerCount: Int,
        address: Int? = nil, device: String? = nil, baudRate: Int? = nil, host: String? = nil, port: Int? = nil,
        chip: String? = nil, lines: [String]? = nil, doorLines: [String]? = nil, activeLow: Bool = false,
        pulseMs: Int? = nil, feedbackPolarity: FeedbackPolarity = .setMeansClosed, serial: String? = nil,
        lastSeenAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.protocol = `protocol`
        self.online = online
        self.lockerCount = lockerCount
        self.address = address
        self.device = device
        self.baudRate = baudRate
        self.host = host
        self.port = port
        self.chip = chip
        self.lines = lines
        self.doorLines = doorLines
        self.activeLow = activeLow
        self.pulseMs = pulseMs
        self.feedbackPolarity = feedbackPolarity
        self.serial = serial
        self.lastSeenAt = lastSeenAt
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, kind, `protocol`, online, lockerCount, address, device, baudRate, host, port, chip, lines
        case doorLines, activeLow, pulseMs, feedbackPolarity, serial, lastSeenAt, createdAt
    }

    /// Writes the nullable fields as `null`: the document requires every one of them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(`protocol`, forKey: .protocol)
        try container.encode(online, forKey: .online)
        try container.encode(lockerCount, forKey: .lockerCount)
        try container.encode(address, forKey: .address)
        try container.encode(device, forKey: .device)
        try container.encode(baudRate, forKey: .baudRate)
        try container.encode(host, forKey: .host)
        try container.encode(port, forKey: .port)
        try container.encode(chip, forKey: .chip)
        try container.encode(lines, forKey: .lines)
        try container.encode(doorLines, forKey: .doorLines)
        try container.encode(activeLow, forKey: .activeLow)
        try container.encode(pulseMs, forKey: .pulseMs)
        try container.encode(feedbackPolarity, forKey: .feedbackPolarity)
        try container.encode(serial, forKey: .serial)
        try container.encode(lastSeenAt, forKey: .lastSeenAt)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

/// Every controller, ordered by id (schema `ControllerList`).
public struct ControllerList: Codable, Sendable, Equatable {
    /// Every controller, by id.
    public var controllers: [APIController]

    /// A list of controllers.
    public init(controllers: [APIController]) {
        self.controllers = controllers
    }
}
