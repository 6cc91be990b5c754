/// Firmware of a simulated Kerong KR-CU16 / CU12 board: every command it acts on
/// is answered with its `35` status frame, `statusAll` by every board.
public final class KerongCU16SimulatedBoard: SimulatedBoard {
    /// Always `.kerongCU16`.
    public let boardProtocol = LockBoardProtocol.kerongCU16
    /// The board address (0...15, high nibble of ADDR).
    public let address: Int
    /// The board's doors and locks.
    public let doors: SimulatedDoorBank
    /// How the hook switches are wired.
    public let polarity: FeedbackPolarity

    /// A board with `channelCount` locks (clamped to 1...16; 12 for a CU12).
    public init(
        address: Int, channelCount: Int, polarity: FeedbackPolarity = .setMeansClosed,
        closeAfter: Duration? = .seconds(2)
    ) {
        self.address = address
        self.doors = SimulatedDoorBank(
            channelCount: SimulatedBoards.bankSize(channelCount, for: .kerongCU16), closeAfter: closeAfter)
        self.polarity = polarity
    }

    /// The Kerong CU16 request scanner.
    public func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        KerongCU16Codec.scanCommand(bytes)
    }

    /// Acts on one request for this board (or for all boards).
    public func handle(_ frame: ArraySlice<UInt8>, at now: ContinuousClock.Instant) -> BoardResponse? {
        guard let command = try? KerongCU16Codec.decodeCommand(frame) else { return nil }
        let channels = 1...doors.channelCount
        switch command {
        case .statusAll:
            return respond(fired: [], "status all: board \(address) answers", at: now)
        case let .status(board) where board == address:
            return respond(fired: [], "status board \(address)", at: now)
        case let .unlock(board, lock) where board == address:
            guard channels.contains(lock) else { return .ignored("unlock board \(address) lock \(lock)") }
            doors.fire(channel: lock, at: now)
            return respond(fired: [lock], "unlock board \(address) lock \(lock)", at: now)
        case let .unlockAll(board) where board == address:
            for channel in channels { doors.fire(channel: channel, at: now) }
            return respond(fired: Array(channels), "unlock all on board \(address)", at: now)
        case .status, .unlock, .unlockAll:
            return nil
        }
    }

    /// The hook bits under the board's polarity; no item sensors are simulated.
    public func status(at now: ContinuousClock.Instant) -> KerongCU16Status {
        let hooks = (1...16).map { $0 <= doors.channelCount && polarity.bit(for: doors.state(of: $0, at: now)) }
        return KerongCU16Status(board: address, hooks: hooks, items: Array(repeating: false, count: 16))
    }

    private func respond(fired: [Int], _ summary: String, at now: ContinuousClock.Instant) -> BoardResponse {
        let reply = try? KerongCU16Codec.encode(reply: status(at: now))
        return BoardResponse(reply: reply, firedChannels: fired, summary: summary)
    }
}
