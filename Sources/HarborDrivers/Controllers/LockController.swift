/// One piece of lock hardware the gateway drives: a board on an RS485 bus, a
/// networked controller, a bank of GPIO relays or a simulated board.
///
/// Channels are numbered from 1. Which locker sits on which channel is data held
/// by the caller, never a formula inside a controller.
public protocol LockController: Sendable {
    /// Channels this controller drives (1...channelCount).
    var channelCount: Int { get }

    /// Fires the lock on one channel once. Never retried: when the board's answer
    /// is lost the error says the outcome is unknown.
    func open(channel: Int) async throws(LockControllerError) -> OpenOutcome

    /// Fires every lock the controller has, in the way the hardware does it (the
    /// board sequences its own open-all; relays are pulsed one after the other).
    func openAll() async throws(LockControllerError) -> [OpenOutcome]

    /// Reads the door state of every channel, index 0 holding channel 1.
    func readDoorStates() async throws(LockControllerError) -> [DoorState]

    /// Reads one channel's door state (boards with a single-lock query use it).
    func readDoorState(channel: Int) async throws(LockControllerError) -> DoorState
}

extension LockController {
    /// Open-all for hardware without a board-sequenced command: fires the locks one
    /// after another. A lost reply leaves that lock unknown; an unreachable
    /// controller ends the run with its error.
    public func openEachInTurn() async throws(LockControllerError) -> [OpenOutcome] {
        var outcomes: [OpenOutcome] = []
        for channel in stride(from: 1, through: channelCount, by: 1) {
            do {
                outcomes.append(try await open(channel: channel))
            } catch .outcomeUnknown {
                outcomes.append(OpenOutcome(channel: channel, doorState: .unknown))
            }
        }
        return outcomes
    }

    /// Reads every door and picks one, for hardware without a single-lock query.
    public func readDoorState(channel: Int) async throws(LockControllerError) -> DoorState {
        guard channel >= 1, channel <= channelCount else {
            throw .channelOutOfRange(channel: channel, channelCount: channelCount)
        }
        let states = try await readDoorStates()
        return channel <= states.count ? states[channel - 1] : .unknown
    }
}

/// What the hardware reported after an unlock.
public struct OpenOutcome: Sendable, Equatable, Codable {
    public var channel: Int
    /// The door state the board reported with (or right after) the pulse; `unknown`
    /// where the hardware has no feedback.
    public var doorState: DoorState

    public init(channel: Int, doorState: DoorState) {
        self.channel = channel
        self.doorState = doorState
    }
}

/// Why a controller could not do what was asked.
public enum LockControllerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The channel does not exist on this controller.
    case channelOutOfRange(channel: Int, channelCount: Int)
    /// The unlock was sent but no reply came: the lock may or may not have fired.
    case outcomeUnknown
    /// A read got no reply in time.
    case noReply
    /// The board answered with something that refuses the request or makes no sense.
    case invalidReply(String)
    /// The hardware cannot be reached (device missing, bus failed, GPIO chip gone).
    case unreachable(String, code: String)

    /// Stable SCREAMING_SNAKE_CASE code, the same the HTTP API answers with.
    public var code: String {
        switch self {
        case .channelOutOfRange: "CHANNEL_OUT_OF_RANGE"
        case .outcomeUnknown, .noReply: "HARDWARE_TIMEOUT"
        case .invalidReply: "HARDWARE_BAD_REPLY"
        case let .unreachable(_, code): code
        }
    }

    public var description: String {
        switch self {
        case let .channelOutOfRange(channel, count): "channel \(channel) is outside 1...\(count)"
        case .outcomeUnknown: "no reply to the unlock: outcome unknown"
        case .noReply: "no reply in time"
        case let .invalidReply(why): "invalid reply: \(why)"
        case let .unreachable(why, _): "controller unreachable: \(why)"
        }
    }
}
