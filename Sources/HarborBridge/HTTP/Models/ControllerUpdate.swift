import HarborDrivers

/// A property of a PATCH body that may be absent (keep), `null` (clear) or a value (set).
public enum NullableUpdate<Value: Codable & Sendable & Equatable>: Sendable, Equatable {
    /// Absent: the setting keeps its value.
    case unchanged
    /// `null`: the setting returns to its default.
    case clear
    /// A new value.
    case set(Value)
}

/// The body of `PATCH /controllers/{controllerId}` (schema `UpdateControllerRequest`):
/// at least one setting. Whether the fields fit the controller's kind is the
/// domain's call, since only it knows the kind.
public struct UpdateControllerRequest: Codable, Sendable, Equatable {
    /// New display name.
    public var name: String?
    /// New bus address (serial, tcp).
    public var address: Int?
    /// New serial device (serial).
    public var device: String?
    /// New line speed (serial).
    public var baudRate: Int?
    /// New bridge host (tcp).
    public var host: String?
    /// New bridge port (tcp).
    public var port: Int?
    /// New pulse length, or `.clear` for the system `pulseMs`.
    public var pulseMs: NullableUpdate<Int>
    /// New feedback polarity.
    public var feedbackPolarity: FeedbackPolarity?
    /// New relay level (gpio).
    public var activeLow: Bool?
    /// New output lines (gpio).
    public var lines: [String]?
    /// New door switch lines, or `.clear` for no door sensing (gpio).
    public var doorLines: NullableUpdate<[String]>

    /// An update; settings left out keep their value.
    public init(
        name: String? = nil, address: Int? = nil, device: String? = nil, baudRate: Int? = nil, host: String? = nil,
        port: Int? = nil, pulseMs: NullableUpdate<Int> = .unchanged, feedbackPolarity: FeedbackPolarity? = nil,
        activeLow: Bool? = nil, lines: [String]? = nil, doorLines: NullableUpdate<[String]> = .unchanged
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

    private enum CodingKeys: String, CodingKey {
        case name, address, device, baudRate, host, port, pulseMs, feedbackPolarity, activeLow, lines, doorLines
    }

    /// Tells an absent `pulseMs`/`doorLines` from an explicit `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        address = try container.decodeIfPresent(Int.self, forKey: .address)
        device = try container.decodeIfPresent(String.self, forKey: .device)
        baudRate = try container.decodeIfPresent(Int.self, forKey: .baudRate)
        host = try container.decodeIfPresent(String.self, forKey: .host)
        port = try container.decodeIfPresent(Int.self, forKey: .port)
        pulseMs = try Self.update(Int.self, .pulseMs, in: container)
        feedbackPolarity = try container.decodeIfPresent(FeedbackPolarity.self, forKey: .feedbackPolarity)
        activeLow = try container.decodeIfPresent(Bool.self, forKey: .activeLow)
        lines = try container.decodeIfPresent([String].self, forKey: .lines)
        doorLines = try Self.update([String].self, .doorLines, in: container)
    }

    /// Leaves unchanged settings out and writes cleared ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(address, forKey: .address)
        try container.encodeIfPresent(device, forKey: .device)
        try container.encodeIfPresent(baudRate, forKey: .baudRate)
        try container.encodeIfPresent(host, forKey: .host)
        try container.encodeIfPresent(port, forKey: .port)
        try Self.encode(pulseMs, .pulseMs, in: &container)
        try container.encodeIfPresent(feedbackPolarity, forKey: .feedbackPolarity)
        try container.encodeIfPresent(activeLow, forKey: .activeLow)
        try container.encodeIfPresent(lines, forKey: .lines)
        try Self.encode(doorLines, .doorLines, in: &container)
    }

    private static func update<Value>(
        _ type: Value.Type, _ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>
    ) throws -> NullableUpdate<Value> {
        guard container.contains(key) else { return .unchanged }
        if try container.decodeNil(forKey: key) { return .clear }
        return .set(try container.decode(Value.self, forKey: key))
    }

    private static func encode<Value>(
        _ update: NullableUpdate<Value>, _ key: CodingKeys, in container: inout KeyedEncodingContainer<CodingKeys>
    ) throws {
        switch update {
        case .unchanged: return
        case .clear: try container.encodeNil(forKey: key)
        case let .set(value): try container.encode(value, forKey: key)
        }
    }
}
