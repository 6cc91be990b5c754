/// A request to a Kerong KR-CU48 board. Locks are numbered from 1.
public enum KerongCU48Command: Equatable, Sendable {
    /// `02 ADDR 00 60 03 SUM`: status of all 48 locks.
    case status(board: Int)
    /// `02 ADDR LOCK 61 03 SUM`, LOCK = lock - 1: fire one lock (1...48).
    case unlock(board: Int, lock: Int)
}

/// A Kerong CU48 board's 18-byte `75` status frame.
public struct KerongCU48Status: Equatable, Sendable {
    /// The board address (ADDR).
    public var board: Int
    /// 48 lock bits from d0..d5, bit 0 first; index 0 = lock 1.
    public var locks: [Bool]
    /// d6..d11 as sent (likely sensors; their meaning is not established).
    public var sensors: [UInt8]

    /// A status as a board reports it.
    public init(board: Int, locks: [Bool], sensors: [UInt8]) {
        self.board = board
        self.locks = locks
        self.sensors = sensors
    }
}

/// Frames of the Kerong KR-CU48 boards (`02 ADDR LOCK CMD 03 SUM`). Pure.
public enum KerongCU48Codec {
    static let stx: UInt8 = 0x02
    static let etx: UInt8 = 0x03
    static let statusCommand: UInt8 = 0x60
    static let unlockCommand: UInt8 = 0x61
    static let statusReply: UInt8 = 0x75
    static let commandLength = 6
    static let replyLength = 18

    /// Board addresses (ADDR).
    public static let boardRange = LockBoardProtocol.kerongCU48.addressRange
    /// Locks of one board.
    public static let lockRange = LockBoardProtocol.kerongCU48.channelRange

    /// Low byte of the sum of the bytes.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
        bytes.reduce(0, &+)
    }

    /// The request's bytes, checksum included.
    public static func encode(_ command: KerongCU48Command) throws(CodecError) -> [UInt8] {
        switch command {
        case let .status(board):
            return sealed([stx, try boardByte(board), 0x00, statusCommand, etx])
        case let .unlock(board, lock):
            let wireLock = UInt8(try CodecFields.check("lock", lock, in: lockRange) - 1)
            return sealed([stx, try boardByte(board), wireLock, unlockCommand, etx])
        }
    }

    /// Host-side framing of the asked board's 18-byte `75` reply.
    public static func scanReply(_ bytes: ArraySlice<UInt8>, to command: KerongCU48Command) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        guard first == stx else { return .noise }
        if bytes.count > 1, Int(bytes.frameByte(at: 1)) != board(of: command) { return .noise }
        if bytes.count > 3, bytes.frameByte(at: 3) != statusReply { return .noise }
        guard bytes.count >= replyLength else { return .needMore }
        guard bytes.frameByte(at: replyLength - 2) == etx else { return .noise }
        let valid = checksum(bytes.framePrefix(replyLength - 1)) == bytes.frameByte(at: replyLength - 1)
        return valid ? .complete(length: replyLength) : .corrupt(length: replyLength)
    }

    /// Parses one whole `75` reply to `command`.
    public static func decodeReply(
        _ frame: ArraySlice<UInt8>, to command: KerongCU48Command
    ) throws(CodecError) -> KerongCU48Status {
        try checkFrame(frame, length: replyLength)
        guard frame.frameByte(at: 3) == statusReply else {
            throw CodecError.unexpectedFrame("command \(Hex.byte(frame.frameByte(at: 3))), expected 75")
        }
        let board = Int(frame.frameByte(at: 1))
        let asked = self.board(of: command)
        guard board == asked else {
            throw CodecError.unexpectedFrame("reply from board \(board), expected \(asked)")
        }
        let lockBytes = frame[(frame.startIndex + 4)..<(frame.startIndex + 10)]
        let sensors = frame[(frame.startIndex + 10)..<(frame.startIndex + 16)]
        return KerongCU48Status(board: board, locks: CodecFields.bits(of: lockBytes), sensors: Array(sensors))
    }

    /// Board-side framing of host requests; `75` replies of other boards are noise.
    public static func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        guard first == stx else { return .noise }
        if bytes.count > 3, !(statusCommand...unlockCommand).contains(bytes.frameByte(at: 3)) { return .noise }
        if bytes.count > 4, bytes.frameByte(at: 4) != etx { return .noise }
        guard bytes.count >= commandLength else { return .needMore }
        let valid = checksum(bytes.framePrefix(commandLength - 1)) == bytes.frameByte(at: commandLength - 1)
        return valid ? .complete(length: commandLength) : .corrupt(length: commandLength)
    }

    /// Parses one whole request (board side); ranges are checked as `encode` does.
    public static func decodeCommand(_ frame: ArraySlice<UInt8>) throws(CodecError) -> KerongCU48Command {
        try checkFrame(frame, length: commandLength)
        let board = try CodecFields.check("board", Int(frame.frameByte(at: 1)), in: boardRange)
        switch frame.frameByte(at: 3) {
        case statusCommand:
            return .status(board: board)
        case unlockCommand:
            let lock = try CodecFields.check("lock", Int(frame.frameByte(at: 2)) + 1, in: lockRange)
            return .unlock(board: board, lock: lock)
        case let other:
            throw CodecError.unexpectedFrame("unknown Kerong CU48 command \(Hex.byte(other))")
        }
    }

    /// A board's 18-byte status frame, checksum included.
    public static func encode(reply: KerongCU48Status) throws(CodecError) -> [UInt8] {
        _ = try CodecFields.check("lock bit count", reply.locks.count, in: 48...48)
        _ = try CodecFields.check("sensor byte count", reply.sensors.count, in: 6...6)
        let data = CodecFields.bytes(of: reply.locks) + reply.sensors
        return sealed([stx, try boardByte(reply.board), 0x00, statusReply] + data + [etx])
    }

    static func board(of command: KerongCU48Command) -> Int {
        switch command {
        case let .status(board), let .unlock(board, _): board
        }
    }

    static func boardByte(_ board: Int) throws(CodecError) -> UInt8 {
        UInt8(try CodecFields.check("board", board, in: boardRange))
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
