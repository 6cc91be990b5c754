@testable import HarborDrivers

/// A test-local board so the engine is tested without the real protocol boards:
/// frames are `HEADER ADDRESS LOCK OP XOR` (5 bytes, XOR of the first four), or
/// longer with zero padding before the XOR for a board of another "protocol".
/// OP 01 fires the lock and replies `HEADER ADDRESS LOCK 00 XOR`; OP 02 replies
/// without firing; OP 03 fires and sends no reply.
final class FakeLockBoard: SimulatedBoard {
    let boardProtocol: LockBoardProtocol
    let address: Int
    let doors = SimulatedDoorBank(channelCount: 8, closeAfter: nil)
    let header: UInt8
    /// Frames are whole only after a quiet time (`completeUnlessMoreFollows`).
    let waitsForQuiet: Bool
    let frameLength: Int

    init(address: Int, header: UInt8 = 0xA5, boardProtocol: LockBoardProtocol = .cuXor,
         waitsForQuiet: Bool = false, frameLength: Int = 5) {
        self.address = address
        self.frameLength = frameLength
        self.header = header
        self.boardProtocol = boardProtocol
        self.waitsForQuiet = waitsForQuiet
    }

    static func frame(_ header: UInt8 = 0xA5, board: Int, lock: Int, op: UInt8 = 0x01) -> [UInt8] {
        let body = [header, UInt8(board), UInt8(lock), op]
        return body + [body.reduce(0, ^)]
    }

    static func reply(_ header: UInt8 = 0xA5, board: Int, lock: Int) -> [UInt8] {
        frame(header, board: board, lock: lock, op: 0x00)
    }

    func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        guard let first = bytes.first, first == header else { return .noise }
        guard bytes.count >= frameLength else { return .needMore }
        let frame = Array(bytes.prefix(frameLength))
        guard frame.dropLast().reduce(0, ^) == frame[frameLength - 1] else { return .corrupt(length: frameLength) }
        return waitsForQuiet ? .completeUnlessMoreFollows(length: frameLength) : .complete(length: frameLength)
    }

    func handle(_ frame: ArraySlice<UInt8>, at now: ContinuousClock.Instant) -> BoardResponse? {
        let bytes = Array(frame)
        guard bytes.count == frameLength, Int(bytes[1]) == address else { return nil }
        let lock = Int(bytes[2])
        let reply = Self.reply(header, board: address, lock: lock)
        switch bytes[3] {
        case 0x01:
            doors.fire(channel: lock, at: now)
            return BoardResponse(reply: reply, firedChannels: [lock], summary: "fire \(address)/\(lock)")
        case 0x02:
            return BoardResponse(reply: reply, firedChannels: [], summary: "ask \(address)/\(lock)")
        case 0x03:
            doors.fire(channel: lock, at: now)
            return BoardResponse(reply: nil, firedChannels: [lock], summary: "fire quietly \(address)/\(lock)")
        default:
            return nil
        }
    }
}
