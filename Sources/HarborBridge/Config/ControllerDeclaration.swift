import HarborDrivers

/// A lock controller as an operator declares it: in the configuration file or in
/// `POST /controllers` (the fields of `CreateControllerRequest`).
public struct ControllerDeclaration: Sendable, Equatable, Codable {
    public var name: String?
    public var kind: String
    public var boardProtocol: String
    public var lockerCount: Int
    public var device: String?
    public var baudRate: Int?
    public var address: Int?
    public var host: String?
    public var port: Int?
    public var chip: String?
    public var lines: [String]?
    public var doorLines: [String]?
    public var activeLow: Bool?
    public var pulseMs: Int?
    public var feedbackPolarity: FeedbackPolarity?
    public var serial: String?

    enum CodingKeys: String, CodingKey {
        case name, kind, lockerCount, device, baudRate, address, host, port, chip, lines, doorLines
        case activeLow, pulseMs, feedbackPolarity, serial
        case boardProtocol = "protocol"
    }

    public init(
        name: String? = nil, kind: String, boardProtocol: String, lockerCount: Int,
        device: String? = nil, baudRate: Int? = nil, address: Int? = nil, host: String? = nil,
        port: Int? = nil, chip: String? = nil, lines: [String]? = nil, doorLines: [String]? = nil,
        activeLow: Bool? = nil, pulseMs: Int? = nil, feedbackPolarity: FeedbackPolarity? = nil,
        serial: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.boardProtocol = boardProtocol
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

    /// Baud rates a serial controller may declare.
    public static let baudRates: Set<Int> = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115_200, 230_400]
    /// Lockers one controller may have.
    public static let lockerCountRange = 1...64
    /// Longest name: the API document's `maxLength` for every controller answer, so a
    /// name from the configuration file fits them as one from the admin API does.
    public static let maximumNameLength = 64

    /// Checks the fields each kind needs and the ranges of its protocol.
    public func validate() throws(SettingsError) {
        guard Self.lockerCountRange.contains(lockerCount) else {
            throw .invalid(field: "lockerCount", reason: "must be within 1...64")
        }
        if let pulseMs, !GatewaySettings.pulseRange.contains(pulseMs) {
            throw .invalid(field: "pulseMs", reason: "must be within 50...5000")
        }
        if let name, name.isEmpty || name.count > Self.maximumNameLength || name.contains(where: \.isNewline) {
            throw .invalid(field: "name", reason: "must be one line of 1...\(Self.maximumNameLength) characters")
        }
        switch kind {
        case "serial", "tcp":
            guard let board = LockBoardProtocol(rawValue: boardProtocol) else {
                throw .invalid(field: "protocol", reason: "must be one of cu-xor, kerong-cu16, kerong-cu48, modbus-relay for \(kind)")
            }
            guard let address, board.addressRange.contains(address) else {
                throw .invalid(field: "address", reason: "must be within \(board.addressRange.lowerBound)...\(board.addressRange.upperBound) for \(boardProtocol)")
            }
            guard board.channelRange.contains(lockerCount) else {
                throw .invalid(field: "lockerCount", reason: "must be within \(board.channelRange.lowerBound)...\(min(board.channelRange.upperBound, 64)) for \(boardProtocol)")
            }
            if kind == "serial" {
                guard let device, device.hasPrefix("/") else {
                    throw .invalid(field: "device", reason: "must be an absolute device path")
                }
                if let baudRate, !Self.baudRates.contains(baudRate) {
                    throw .invalid(field: "baudRate", reason: "must be a standard baud rate")
                }
            } else {
                guard let host, !host.isEmpty else { throw .invalid(field: "host", reason: "is required for tcp") }
                guard let port, (1...65535).contains(port) else {
                    throw .invalid(field: "port", reason: "must be within 1...65535")
                }
            }
        case "gpio":
            guard boardProtocol == "gpio-relay" else {
                throw .invalid(field: "protocol", reason: "must be gpio-relay for gpio")
            }
            guard let chip, !chip.isEmpty else { throw .invalid(field: "chip", reason: "is required for gpio") }
            guard let lines, lines.count >= lockerCount else {
                throw .invalid(field: "lines", reason: "must name one line per locker")
            }
        case "simulated":
            guard boardProtocol == "simulated" else {
                throw .invalid(field: "protocol", reason: "must be simulated for simulated")
            }
        default:
            throw .invalid(field: "kind", reason: "must be one of serial, tcp, gpio, simulated")
        }
    }
}
