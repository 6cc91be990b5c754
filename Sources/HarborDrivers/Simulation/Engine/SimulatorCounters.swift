/// What a running simulator has done so far: a snapshot for tests and the bench.
public struct SimulatorCounters: Equatable, Sendable {
    /// Whole command frames a board took.
    public var framesReceived = 0
    /// Per board address: frames that fired at least one lock.
    public var unlockFrames: [Int: Int] = [:]
    /// Replies written completely to a host.
    public var repliesSent = 0
    /// Protocol violations by the host (`LineViolation`): zero on a well-behaved bus.
    public var violations = 0

    /// All zero.
    public init() {}

    mutating func count(_ events: [LineEvent]) {
        for case let .frameReceived(frame) in events {
            framesReceived += 1
            if !frame.firedChannels.isEmpty {
                unlockFrames[frame.board, default: 0] += 1
            }
        }
        violations += LineViolation.found(in: events).count
    }

    /// The exit summary harbor-sim prints on stderr, one JSON line:
    /// `{"event":"summary","framesReceived":412,"repliesSent":412,"unlockFrames":200,"violations":0}`.
    public var summaryJSONLine: String {
        SimulatorJSON.line(Summary(
            framesReceived: framesReceived, repliesSent: repliesSent,
            unlockFrames: unlockFrames.values.reduce(0, +), violations: violations))
    }

    private struct Summary: Encodable {
        var event = "summary"
        var framesReceived: Int
        var repliesSent: Int
        var unlockFrames: Int
        var violations: Int
    }
}
