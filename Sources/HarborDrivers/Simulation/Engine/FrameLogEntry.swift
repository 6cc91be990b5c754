import Foundation

/// One frame in the simulator's frame log: a JSON line in the log file, a line of
/// text on the console.
public struct FrameLogEntry: Equatable, Sendable, Codable {
    /// Which way the bytes went.
    public enum Direction: String, Equatable, Sendable, Codable {
        /// A command a board took.
        case rx
        /// A reply written to the host.
        case tx
        /// Bytes thrown away, or a reply a fault withheld.
        case drop
    }

    /// Seconds since the simulator started.
    public var t: Double
    public var dir: Direction
    /// The bytes, "8A 01 01 11 9B".
    public var hex: String
    /// Address of the board concerned, when one is.
    public var board: Int?
    public var summary: String
    /// Lock channels the frame fired.
    public var fired: [Int]
    /// The protocol violation these bytes are, if they are one (absent from the JSON otherwise).
    public var violation: LineViolation.Kind?
    /// With `violation`: violations so far, this one included (the running counter).
    public var violations: Int?

    /// An entry as it is logged.
    public init(
        t: Double, dir: Direction, hex: String, board: Int?, summary: String, fired: [Int] = [],
        violation: LineViolation.Kind? = nil, violations: Int? = nil
    ) {
        self.t = t
        self.dir = dir
        self.hex = hex
        self.board = board
        self.summary = summary
        self.fired = fired
        self.violation = violation
        self.violations = violations
    }

    private enum CodingKeys: String, CodingKey {
        case t, dir, hex, board, summary, fired, violation, violations
    }

    /// Writes every key, `"board": null` included, so log readers see one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(t, forKey: .t)
        try container.encode(dir, forKey: .dir)
        try container.encode(hex, forKey: .hex)
        try container.encode(board, forKey: .board)
        try container.encode(summary, forKey: .summary)
        try container.encode(fired, forKey: .fired)
        try container.encodeIfPresent(violation, forKey: .violation)
        try container.encodeIfPresent(violations, forKey: .violations)
    }

    /// The entry as one line of JSON, without the newline.
    public var jsonLine: String {
        SimulatorJSON.line(self)
    }

    /// The entry for people: "rx 8A 01 01 11 9B open board 1 lock 1".
    public var consoleLine: String {
        "\(dir.rawValue) \(hex) \(summary)"
    }

    /// The log entries for line events at `seconds` since start. Replies are logged
    /// when written, not when scheduled, so scheduled replies give no entry.
    static func entries(for events: [LineEvent], at seconds: Double) -> [FrameLogEntry] {
        events.compactMap { event in
            switch event {
            case let .frameReceived(frame):
                FrameLogEntry(t: seconds, dir: .rx, hex: Hex.string(frame.bytes), board: frame.board,
                              summary: frame.summary, fired: frame.firedChannels,
                              violation: LineViolation(event)?.kind)
            case let .replyWithheld(reply):
                FrameLogEntry(t: seconds, dir: .drop, hex: Hex.string(reply.bytes), board: reply.board,
                              summary: "reply withheld (\(reply.reason.rawValue)): \(reply.summary)")
            case let .frameDropped(dropped):
                FrameLogEntry(t: seconds, dir: .drop, hex: Hex.string(dropped.bytes), board: nil,
                              summary: dropped.reason.rawValue, violation: LineViolation(event)?.kind)
            case .lineVanished:
                FrameLogEntry(t: seconds, dir: .drop, hex: "", board: nil, summary: "line vanished")
            case .replyScheduled:
                nil
            }
        }
    }
}
