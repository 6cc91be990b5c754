/// A request to a Kerong KR-CU16 / CU12 board. Locks are numbered from 1.
public enum KerongCU16Command: Equatable, Sendable {
    /// `02 b0 30 03 SUM`: status of one board.
    case status(board: Int)
    /// `02 ADDR 31 03 SUM` with ADDR = board << 4 | (lock - 1): fire one lock.
    case unlock(board: Int, lock: Int)
    /// `02 F0 32 03 SUM`: every board answers with its status.
    case statusAll
    /// `02 b0 33 03 SUM`: fire every lock of one board.
    case unlockAll(board: Int)
}

/// One Kerong CU16 board's `35` status frame.
public struct KerongCU16Status: Equatable, Sendable {
    /// The board (high nibble of ADDR).
    public var board: Int
    /// 16 lock hook bits, index 0 = lock 1; polarity is the controller's setting.
    public var hooks: [Bool]
    /// 16 infrared item-present bits, index 0 = lock 1.
    public var items: [Bool]

    /// A status as a board reports it.
    public init(board: Int, hooks: [Bool], items: [Bool]) {
        self.board = board
        self.hooks = hooks
        self.items = items
    }
}

/// Frames of the Kerong KR-CU16 / CU12 boards (`02 .. 03 SUM`). Pure.
public enum KerongCU16Codec {
    static let stx: UInt8 = 0x02
    static let etx: UInt8 = 0x03
    static let statusCommand: UInt8 = 0x30
    static let unlockCommand: UInt8 = 0x31
    static let statusAllCommand: UInt8 = 0x32
    static let unlockAllCommand: UInt8 = 0x33
    static let statusReply: UInt8 = 0x35
    static let broadcastAddress: UInt8 = 0xF0
    static let commandLength = 5
    static let replyLength = 9

    /// Board addresses (high nibble of ADDR).
    public static let boardRange = LockBoardProtocol.kerongCU16.addressRange
    /// Locks of one board (low nibble of ADDR plus one).
    public static let lockRange = LockBoardProtocol.kerongCU16.channelRange

    /// Low byte of the sum of the bytes.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
        bytes.reduce(0, &+)
    }

    /// The request's bytes, checksum included.
    public static func encode(_ command: KerongCU16Command) throws(CodecError) -> [UInt8] {
        switch command {
        case let .status(board):
            return sealed([stx, try address(board: board, lock: 1), statusCommand, etx])
        case let .unlock(board, lock):
            return sealed([stx, try address(board: board, lock: lock), unlockCommand, etx])
        case .statusAll:
            return sealed([stx, broadcastAddress, statusAllCommand, etx])
        case let .unlockAll(board):
            return sealed([stx, try address(board: board, lock: 1), unlockAllCommand, etx])
        }
    }

    /// Host-side framing of the 9-byte `35` reply of the asked board (any board
    /// for `statusAll`). The echo of the request some adapters return is noise.
    public static func scanReply(_ bytes: ArraySlice<UInt8>, to command: KerongCU16Command) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        guard first == stx else { return .noise }
        if bytes.count > 1, let board = board(of: command), Int(bytes.frameByte(at: 1) >> 4) != board { return .noise }
        if bytes.count > 2, bytes.frameByte(at: 2) != statusReply { return .noise }
        guard bytes.count >= replyLength else { return .needMore }
        guard bytes.frameByte(at: replyLength - 2) == etx else { return .noise }
        let valid = checksum(bytes.framePrefix(replyLength - 1)) == bytes.frameByte(at: replyLength - 1)
        return valid ? .complete(length: replyLength) : .corrupt(length: replyLength)
    }

    /// Parses one whole `35` reply to `command`.
    public static func decodeReply(
        _ frame: ArraySlice<UInt8>, to command: KerongCU16Command
    ) throws(CodecError) -> KerongCU16Status {
        try checkFrame(frame, length: replyLength)
        guard frame.frameByte(at: 2) == statusReply else {
            throw CodecError.unexpectedFrame("command \(Hex.byte(frame.frameByte(at: 2))), expected 35")
        }
        let board = Int(frame.frameByte(at: 1) >> 4)
        if let asked = self.board(of: command), asked != board {
            throw CodecError.unexpectedFrame("reply from board \(board), expected \(asked)")
        }
        let data = frame[(frame.startIndex + 3)..<(frame.startIndex + 7)]
        let bits = CodecFields.bits(of: data)
        return KerongCU16Status(board: board, hooks: Array(bits[0..<16]), items: Array(bits[16..<32]))
    }

    /// Board-side framing of host requests; `35` replies of other boards are noise.
    public static func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        guard first == stx else { return .noise }
        if bytes.count > 2, !(statusCommand...unlockAllCommand).contains(bytes.frameByte(at: 2)) { return .noise }
        if bytes.count > 3, bytes.frameByte(at: 3) != etx { return .noise }
        guard bytes.count >= commandLength else { return .needMore }
        let valid = checksum(bytes.framePrefix(commandLength - 1)) == bytes.frameByte(at: commandLength - 1)
        return valid ? .complete(length: commandLength) : .corrupt(length: commandLength)
    }

    /// Parses one whole request (board side).
    public static func decodeCommand(_ frame: ArraySlice<UInt8>) throws(CodecError) -> KerongCU16Command {
        try checkFrame(frame, length: commandLength)
        let address = frame.frameByte(at: 1)
        let board = Int(address >> 4)
        switch frame.frameByte(at: 2) {
        case statusCommand: return .status(board: board)
        case unlockCommand: return .unlock(board: board, lock: Int(address & 0x0F) + 1)
        case statusAllCommand: return .statusAll
        case unlockAllCommand: return .unlockAll(board: board)
        case let other: throw CodecError.unexpectedFrame("unknown Kerong CU16 command \(Hex.byte(other))")
        }
    }

    /// A board's `35` status frame, checksum included.
    public static func encode(reply: KerongCU16Status) throws(CodecError) -> [UInt8] {
        _ = try CodecFields.check("hook count", reply.hooks.count, in: 16...16)
        _ = try CodecFields.check("item count", reply.items.count, in: 16...16)
        let data = CodecFields.bytes(of: reply.hooks) + CodecFields.bytes(of: reply.items)
        return sealed([stx, try address(board: reply.board, lock: 1), statusReply] + data + [etx])
    }

    static func board(of command: KerongCU16Command) -> Int? {
        switch command {
        case let .status(board), let .unlock(board, _), let .unlockAll(board): board
        case .statusAll: nil
        }
    }

    static func address(board: Int, lock: Int) throws(CodecError) -> UInt8 {
        let board = try CodecFields.check("board", board, in: boardRange)
        let lock = try CodecFields.check("lock", lock, in: lockRange)
        return UInt8(board << 4 | (lock - 1))
    }

    static func sealed(_ body: [UInt8]) -> [UInt8] {
        body + [checksum(body)]
    }

    /// Length, STX, ETX and checksum of a whole frame.
    static func checkFrame(_ frame: ArraySlice<UInt8>, length: Int) throws(CodecError) {
        try CodecFields.expectLength(frame, length)
        let expected = checksum(frame.framePrefix(length - 1))
        let actual = frame.frameByte(at: length - 1)
        guard expected == actual else { throw CodecError.badChecksum(expected: expected, actual: actual) }
        guard frame.frameByte(at: 0) == stx, frame.frameByte(at: length - 2) == etx else {
            throw CodecError.unexpectedFrame("frame is not framed by 02 .. 03")
        }
    }
}
