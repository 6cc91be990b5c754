/// Firmware of a simulated CU XOR board: fires locks on `8A`/`90`, answers
/// queries with the real layouts, echoes `9A`/`9B`.
public final class CUXorSimulatedBoard: SimulatedBoard {
    /// Always `.cuXor`.
    public let boardProtocol = LockBoardProtocol.cuXor
    /// The DIP-switch address (1...31).
    public let address: Int
    /// The board's doors and locks.
    public let doors: SimulatedDoorBank
    /// How the board's feedback switches are wired.
    public let polarity: FeedbackPolarity
    /// How this board's firmware reads a `0x90` mask.
    public let maskOrder: CUXorMaskOrder

    /// A board with `channelCount` locks (clamped to 1...50).
    public init(
        address: Int, channelCount: Int, polarity: FeedbackPolarity = .setMeansClosed,
        closeAfter: Duration? = .seconds(2), maskOrder: CUXorMaskOrder = .highByteFirst
    ) {
        self.address = address
        self.doors = SimulatedDoorBank(
            channelCount: SimulatedBoards.bankSize(channelCount, for: .cuXor), closeAfter: closeAfter)
        self.polarity = polarity
        self.maskOrder = maskOrder
    }

    /// The CU request scanner.
    public func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        CUXorCodec.scanCommand(bytes)
    }

    /// Acts on one request addressed to this board.
    public func handle(_ frame: ArraySlice<UInt8>, at now: ContinuousClock.Instant) -> BoardResponse? {
        guard frame.count >= 2, Int(frame[frame.startIndex + 1]) == address else { return nil }
        let command: CUXorCommand
        do {
            command = try CUXorCodec.decodeCommand(frame, maskOrder: maskOrder)
        } catch {
            if case .outOfRange = error { return .ignored("CU request to board \(address)") }
            return nil
        }
        let channels = 1...doors.channelCount
        switch command {
        case let .open(_, lock) where lock == 0:
            for channel in channels { doors.fire(channel: channel, at: now) }
            let status = statusByte(channels.allSatisfy { feedbackBit(of: $0, at: now) })
            return respond(.lock(board: address, lock: 0, status: status), to: command, fired: Array(channels),
                           "open all on board \(address)")
        case let .open(_, lock) where channels.contains(lock):
            doors.fire(channel: lock, at: now)
            return respond(.lock(board: address, lock: lock, status: statusByte(feedbackBit(of: lock, at: now))),
                           to: command, fired: [lock], "open board \(address) lock \(lock)")
        case let .query(_, lock) where lock == 0:
            let statusBytes = (doors.channelCount + 7) / 8
            let bits = (1...(statusBytes * 8)).map { channels.contains($0) && feedbackBit(of: $0, at: now) }
            return respond(.allLocks(board: address, bits: bits), to: command, fired: [],
                           "query all on board \(address)")
        case let .query(_, lock) where channels.contains(lock):
            return respond(.lock(board: address, lock: lock, status: statusByte(feedbackBit(of: lock, at: now))),
                           to: command, fired: [], "query board \(address) lock \(lock)")
        case let .multiOpen(_, locks) where locks.contains(where: channels.contains):
            let fired = locks.filter(channels.contains)
            for channel in fired { doors.fire(channel: channel, at: now) }
            return respond(.multiOpened(board: address, locks: locks), to: command, fired: fired,
                           "multi-open board \(address) locks \(fired.map(String.init).joined(separator: ","))")
        case let .keepPowered(_, lock, on) where channels.contains(lock):
            return respond(.power(board: address, lock: lock, on: on), to: command, fired: [],
                           "keep board \(address) lock \(lock) powered \(on ? "on" : "off")")
        case .open, .query, .multiOpen, .keepPowered:
            return .ignored("CU request to board \(address)")
        }
    }

    private func feedbackBit(of channel: Int, at now: ContinuousClock.Instant) -> Bool {
        polarity.bit(for: doors.state(of: channel, at: now))
    }

    private func statusByte(_ bit: Bool) -> UInt8 {
        bit ? 0x11 : 0x00
    }

    private func respond(
        _ reply: CUXorReply, to command: CUXorCommand, fired: [Int], _ summary: String
    ) -> BoardResponse {
        let bytes = try? CUXorCodec.encode(reply: reply, answering: command, maskOrder: maskOrder)
        return BoardResponse(reply: bytes, firedChannels: fired, summary: summary)
    }
}
