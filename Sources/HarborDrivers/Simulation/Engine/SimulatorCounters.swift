/// What a running simulator has done so far: a snapshot for tests and the bench.
public struct SimulatorCounters: Equatable, Sendable {
    /// Whole command frames a board took.
    public var framesReceived = 0
    /// Per board address: frames that fired at least one lock.
    public var unlockFrames: [Int: Int] = [:]
    /// Replies written completely to a host.
    public var repliesSent = 0

    /// All zero.
    public init() {}

    mutating func count(_ events: [LineEvent]) {
        for case let .frameReceived(frame) in events {
            framesReceived += 1
            if !frame.firedChannels.isEmpty {
                unlockFrames[frame.board, default: 0] += 1
            }
        }
    }
}
