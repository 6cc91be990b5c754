/// Doors and locks of one simulated board. Time is passed in (no timers), so a
/// test or the simulator's engine decides when "later" is: deterministic.
///
/// Not Sendable on purpose: a bank belongs to one board, driven from one place.
public final class SimulatedDoorBank {
    private enum Door {
        case closed
        /// Open; closes by itself at the instant, or stays open when nil.
        case open(closesAt: ContinuousClock.Instant?)
    }

    /// Channels of the bank, numbered 1...channelCount.
    public let channelCount: Int
    private let closeAfter: Duration?
    private var doors: [Door]
    private var fires: [Int]

    /// `closeAfter` nil: a door the lock opened stays open until closed by hand.
    public init(channelCount: Int, closeAfter: Duration?) {
        self.channelCount = max(0, channelCount)
        self.closeAfter = closeAfter
        doors = Array(repeating: .closed, count: self.channelCount)
        fires = Array(repeating: 0, count: self.channelCount)
    }

    /// The lock fires: the door springs open and (with `closeAfter`) is pushed
    /// shut again that long after. Channels outside the bank are ignored.
    public func fire(channel: Int, at now: ContinuousClock.Instant) {
        guard let index = index(of: channel) else { return }
        fires[index] += 1
        doors[index] = .open(closesAt: closeAfter.map { now + $0 })
    }

    /// `.open` or `.closed` at `now`; `.unknown` for a channel outside the bank.
    public func state(of channel: Int, at now: ContinuousClock.Instant) -> DoorState {
        guard let index = index(of: channel) else { return .unknown }
        switch doors[index] {
        case .closed: return .closed
        case let .open(closesAt?) where closesAt <= now: return .closed
        case .open: return .open
        }
    }

    /// Every channel's state at `now`, index 0 holding channel 1.
    public func states(at now: ContinuousClock.Instant) -> [DoorState] {
        (0..<channelCount).map { state(of: $0 + 1, at: now) }
    }

    /// Someone opens or shuts the door by hand; a door opened by hand stays open
    /// until shut by hand (or fired and closed again). `now` is when it happened.
    public func setDoor(channel: Int, open: Bool, at now: ContinuousClock.Instant) {
        guard let index = index(of: channel) else { return }
        doors[index] = open ? .open(closesAt: nil) : .closed
    }

    /// How often the lock of `channel` fired (0 outside the bank).
    public func fireCount(of channel: Int) -> Int {
        index(of: channel).map { fires[$0] } ?? 0
    }

    private func index(of channel: Int) -> Int? {
        channel >= 1 && channel <= channelCount ? channel - 1 : nil
    }
}
