import Foundation

/// Bytes a host put on the simulated line that break the line's protocol: the
/// simulator's verdict that the bus under test misbehaved.
///
/// A real board would stay silent or collide; the simulator can say why, so a
/// test can prove a bus never interleaves frames. A well-formed frame for an
/// address no board on the line has is *not* a violation: discovery scans send
/// those on purpose, and a real line may hold boards the simulator does not.
public struct LineViolation: Equatable, Sendable {
    /// What the host did wrong.
    public enum Kind: String, Equatable, Sendable, Codable, CaseIterable {
        /// A command arrived before the board's reply to the previous command on
        /// that connection had left the wire: two talkers on a half-duplex line.
        case overlap
        /// Bytes that start no frame for any board on the line.
        case noise
        /// A whole frame whose checksum is wrong (bytes of two frames mixed, a bit flipped).
        case garbled
        /// The start of a frame whose rest never came before the line went quiet.
        case truncated
    }

    /// What was wrong.
    public var kind: Kind
    /// The offending bytes (the whole command for an overlap).
    public var bytes: [UInt8]
    /// The board concerned, when one took the bytes.
    public var board: Int?

    /// A violation as the simulator reports it.
    public init(kind: Kind, bytes: [UInt8], board: Int? = nil) {
        self.kind = kind
        self.bytes = bytes
        self.board = board
    }

    /// The violation an event records, or nil when it records none.
    public init?(_ event: LineEvent) {
        switch event {
        case let .frameReceived(frame) where frame.overlapsReply:
            self.init(kind: .overlap, bytes: frame.bytes, board: frame.board)
        case let .frameDropped(dropped):
            switch dropped.reason {
            case .noise: self.init(kind: .noise, bytes: dropped.bytes)
            case .badChecksum: self.init(kind: .garbled, bytes: dropped.bytes)
            case .stalePartialFrame: self.init(kind: .truncated, bytes: dropped.bytes)
            case .noBoardAnswered: return nil
            }
        case .frameReceived, .replyScheduled, .replyWithheld, .lineVanished:
            return nil
        }
    }

    /// The violations among a line's events, in order.
    public static func found(in events: [LineEvent]) -> [LineViolation] {
        events.compactMap(LineViolation.init)
    }
}

/// One violation as a JSON line on harbor-sim's stderr:
/// `{"board":2,"count":1,"event":"violation","hex":"8A 02 01 11 98","kind":"overlap","t":0.42}`.
/// (In the frame log the same facts sit on the frame's own line, as its
/// `violation` and `violations` keys.)
public struct ViolationLogEntry: Equatable, Sendable, Codable {
    /// Always "violation", so readers tell these lines from others.
    public var event = "violation"
    /// Seconds since the simulator started.
    public var t: Double
    /// What was wrong.
    public var kind: LineViolation.Kind
    /// The offending bytes, "8A 01 01 11 9B".
    public var hex: String
    /// The board concerned, when one took the bytes.
    public var board: Int?
    /// Violations so far, this one included: the running counter.
    public var count: Int

    /// The report of a frame-log entry that records a violation; nil for any other entry.
    public init?(_ entry: FrameLogEntry) {
        guard let kind = entry.violation, let count = entry.violations else { return nil }
        t = entry.t
        self.kind = kind
        hex = entry.hex
        board = entry.board
        self.count = count
    }

    private enum CodingKeys: String, CodingKey {
        case event, t, kind, hex, board, count
    }

    /// Writes every key, `"board": null` included, so readers see one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event, forKey: .event)
        try container.encode(t, forKey: .t)
        try container.encode(kind, forKey: .kind)
        try container.encode(hex, forKey: .hex)
        try container.encode(board, forKey: .board)
        try container.encode(count, forKey: .count)
    }

    /// The entry as one line of JSON, without the newline.
    public var jsonLine: String {
        SimulatorJSON.line(self)
    }
}

/// Sorted-key JSON lines: one shape for every line the simulator writes.
enum SimulatorJSON {
    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
