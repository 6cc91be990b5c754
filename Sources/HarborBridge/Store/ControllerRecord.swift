import Foundation

/// One lock controller (a board on a bus, a TCP bridge, a GPIO relay bank) as the gateway persists it.
public struct ControllerRecord: Sendable, Equatable {
    /// Kinds of connection a controller can have.
    public static let kinds: Set<String> = ["serial", "tcp", "gpio", "simulated"]
    /// Board protocols the gateway can drive.
    public static let boardProtocols: Set<String> = [
        "cu-xor", "kerong-cu16", "kerong-cu48", "modbus-relay", "gpio-relay", "simulated",
    ]
    /// Meanings a set feedback bit can have.
    public static let feedbackPolarities: Set<String> = ["set-closed", "set-open"]

    /// Store-assigned id; ignored when inserting.
    public var id: Int64
    /// Name shown to admins.
    public var name: String
    /// `serial`, `tcp`, `gpio` or `simulated`.
    public var kind: String
    /// `cu-xor`, `kerong-cu16`, `kerong-cu48`, `modbus-relay`, `gpio-relay` or `simulated`.
    public var boardProtocol: String
    /// Serial device path (serial kind).
    public var device: String?
    /// Serial line speed (serial kind).
    public var baudRate: Int?
    /// Bridge host (tcp kind).
    public var host: String?
    /// Bridge port (tcp kind).
    public var port: Int?
    /// Board address on the bus (serial and tcp kinds).
    public var address: Int?
    /// GPIO chip selector (gpio kind).
    public var chip: String?
    /// GPIO relay line selectors, one per locker channel (gpio kind).
    public var lines: [String]?
    /// GPIO door-switch line selectors (gpio kind, optional).
    public var doorLines: [String]?
    /// Whether the GPIO relays fire on a low level.
    public var activeLow: Bool
    /// Unlock pulse length in milliseconds, or nil for the board's default.
    public var pulseMs: Int?
    /// `set-closed` or `set-open`.
    public var feedbackPolarity: String
    /// Discovery id (mDNS serial); unique among live controllers.
    public var serial: String?
    /// When the controller was added; set by the store.
    public var createdAt: Date
    /// When the controller was deleted or replaced; nil while live.
    public var retiredAt: Date?
    /// The controller that took over this one's lockers.
    public var replacedById: Int64?

    /// A record with every field given; store-owned fields default to "not yet stored".
    public init(
        id: Int64 = 0, name: String, kind: String, boardProtocol: String,
        device: String? = nil, baudRate: Int? = nil, host: String? = nil, port: Int? = nil,
        address: Int? = nil, chip: String? = nil, lines: [String]? = nil, doorLines: [String]? = nil,
        activeLow: Bool = false, pulseMs: Int? = nil, feedbackPolarity: String = "set-closed",
        serial: String? = nil, createdAt: Date = Date(timeIntervalSince1970: 0),
        retiredAt: Date? = nil, replacedById: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.boardProtocol = boardProtocol
        self.device = device
        self.baudRate = baudRate
        self.host = host
        self.port = port
        self.address = address
        self.chip = chip
        self.lines = lines
        self.doorLines = doorLines
        self.activeLow = activeLow
        self.pulseMs = pulseMs
        self.feedbackPolarity = feedbackPolarity
        self.serial = serial
        self.createdAt = createdAt
        self.retiredAt = retiredAt
        self.replacedById = replacedById
    }

    /// Refuses values the schema would reject, with a message naming the field.
    func validated() throws(StoreError) -> ControllerRecord {
        guard Self.kinds.contains(kind) else { throw .invalidRecord("unknown controller kind \(kind)") }
        guard Self.boardProtocols.contains(boardProtocol) else {
            throw .invalidRecord("unknown board protocol \(boardProtocol)")
        }
        guard Self.feedbackPolarities.contains(feedbackPolarity) else {
            throw .invalidRecord("unknown feedback polarity \(feedbackPolarity)")
        }
        return self
    }
}
