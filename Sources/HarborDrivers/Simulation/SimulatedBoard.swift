/// What a simulated board does with one whole, checksum-valid command frame.
public struct BoardResponse: Equatable, Sendable {
    /// The reply bytes; nil: the board stays silent.
    public var reply: [UInt8]?
    /// Locks this command fired, numbered from 1.
    public var firedChannels: [Int]
    /// One line for the simulator's frame log, e.g. "open board 1 lock 3".
    public var summary: String

    /// A board's reaction to one command.
    public init(reply: [UInt8]?, firedChannels: [Int], summary: String) {
        self.reply = reply
        self.firedChannels = firedChannels
        self.summary = summary
    }

    /// Real boards ignore commands for locks they do not have: no reply, no fire.
    static func ignored(_ summary: String) -> BoardResponse {
        BoardResponse(reply: nil, firedChannels: [], summary: "\(summary) (ignored: no such lock)")
    }
}

/// Board-side firmware of one simulated lock board, speaking the board side of
/// the same codecs the drivers use, so simulator and drivers check each other.
public protocol SimulatedBoard: AnyObject {
    /// The protocol the board speaks.
    var boardProtocol: LockBoardProtocol { get }
    /// The board's address (DIP switch, Kerong address or Modbus unit id).
    var address: Int { get }
    /// The doors and locks wired to the board.
    var doors: SimulatedDoorBank { get }
    /// Board-side framing of bytes arriving from the host (the protocol's command scanner).
    func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan
    /// Handles one whole frame; nil when the frame addresses another board (or is not a command of this protocol).
    func handle(_ frame: ArraySlice<UInt8>, at now: ContinuousClock.Instant) -> BoardResponse?
}

/// Builds simulated boards from configuration.
public enum SimulatedBoards {
    /// A board of `protocol` at `address`. `channelCount` is clamped to what the
    /// protocol can address (see `bankSize`) (a CU16 has at most 16 locks); `closeAfter` nil
    /// leaves fired doors open until closed by hand.
    public static func make(
        protocol boardProtocol: LockBoardProtocol, address: Int, channelCount: Int,
        polarity: FeedbackPolarity = .setMeansClosed, closeAfter: Duration? = .seconds(2)
    ) -> any SimulatedBoard {
        switch boardProtocol {
        case .cuXor:
            return CUXorSimulatedBoard(
                address: address, channelCount: channelCount, polarity: polarity, closeAfter: closeAfter)
        case .kerongCU16:
            return KerongCU16SimulatedBoard(
                address: address, channelCount: channelCount, polarity: polarity, closeAfter: closeAfter)
        case .kerongCU48:
            return KerongCU48SimulatedBoard(
                address: address, channelCount: channelCount, polarity: polarity, closeAfter: closeAfter)
        case .modbusRelay:
            return ModbusRelaySimulatedBoard(
                address: address, channelCount: channelCount, polarity: polarity, closeAfter: closeAfter)
        }
    }

    /// Locks a simulated board of `protocol` gets for a requested count: at least
    /// one, at most what the protocol can address, so a bad setting cannot crash.
    static func bankSize(_ channelCount: Int, for boardProtocol: LockBoardProtocol) -> Int {
        let range = boardProtocol.channelRange
        return min(max(channelCount, range.lowerBound), range.upperBound)
    }
}
