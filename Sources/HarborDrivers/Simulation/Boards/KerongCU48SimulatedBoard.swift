/// Firmware of a simulated Kerong KR-CU48 board: unlock and status are both
/// answered with the 18-byte `75` status frame.
public final class KerongCU48SimulatedBoard: SimulatedBoard {
    /// Always `.kerongCU48`.
    public let boardProtocol = LockBoardProtocol.kerongCU48
    /// The board address (ADDR, 0...15).
    public let address: Int
    /// The board's doors and locks.
    public let doors: SimulatedDoorBank
    /// How the lock feedback is wired (a real board reported 1 = closed).
    public let polarity: FeedbackPolarity

    /// A board with `channelCount` locks (clamped to 1...48).
    public init(
        address: Int, channelCount: Int, polarity: FeedbackPolarity = .setMeansClosed,
        closeAfter: Duration? = .seconds(2)
    ) {
        self.address = address
        self.doors = SimulatedDoorBank(
            channelCount: SimulatedBoards.bankSize(channelCount, for: .kerongCU48), closeAfter: closeAfter)
        self.polarity = polarity
    }

    /// The Kerong CU48 request scanner.
    public func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        KerongCU48Codec.scanCommand(bytes)
    }

    /// Acts on one request addressed to this board.
    public func handle(_ frame: ArraySlice<UInt8>, at now: ContinuousClock.Instant) -> BoardResponse? {
        guard frame.count >= 2, Int(frame[frame.startIndex + 1]) == address else { return nil }
        let command: KerongCU48Command
        do {
            command = try KerongCU48Codec.decodeCommand(frame)
        } catch {
            if case .outOfRange = error { return .ignored("CU48 request to board \(address)") }
            return nil
        }
        switch command {
        case .status:
            return respond(fired: [], "status board \(address)", at: now)
        case let .unlock(_, lock):
            guard lock <= doors.channelCount else { return .ignored("unlock board \(address) lock \(lock)") }
            doors.fire(channel: lock, at: now)
            return respond(fired: [lock], "unlock board \(address) lock \(lock)", at: now)
        }
    }

    /// The lock bits under the board's polarity; the sensor bytes read zero.
    public func status(at now: ContinuousClock.Instant) -> KerongCU48Status {
        let locks = (1...48).map { $0 <= doors.channelCount && polarity.bit(for: doors.state(of: $0, at: now)) }
        return KerongCU48Status(board: address, locks: locks, sensors: Array(repeating: 0, count: 6))
    }

    private func respond(fired: [Int], _ summary: String, at now: ContinuousClock.Instant) -> BoardResponse {
        let reply = try? KerongCU48Codec.encode(reply: status(at: now))
        return BoardResponse(reply: reply, firedChannels: fired, summary: summary)
    }
}
