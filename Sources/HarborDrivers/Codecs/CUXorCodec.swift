/// Frames of the CU XOR lock boards (`8A`/`80`/`90`/`9A`/`9B`, BCC = XOR of the
/// bytes before it), host side. Pure: no I/O, no clock.
public enum CUXorCodec {
    static let openHeader: UInt8 = 0x8A
    static let queryHeader: UInt8 = 0x80
    static let reportHeader: UInt8 = 0x82
    static let multiOpenHeader: UInt8 = 0x90
    static let powerOnHeader: UInt8 = 0x9A
    static let powerOffHeader: UInt8 = 0x9B
    static let openFunction: UInt8 = 0x11
    static let queryFunction: UInt8 = 0x33

    /// DIP-switch addresses a CU board can have.
    public static let boardRange = LockBoardProtocol.cuXor.addressRange
    /// Lock numbers of open and query; 0 means every lock of the board.
    public static let lockRange = 0...LockBoardProtocol.cuXor.channelRange.upperBound
    /// Locks a `0x90` mask can name.
    public static let multiOpenLockRange = 1...24
    /// Status bytes a query-all reply can carry (50 channels need 7; one more
    /// tolerates boards that pad, as the real 8-channel board sending 3 does).
    public static let queryAllStatusByteRange = 1...8

    /// XOR of the bytes.
    public static func bcc<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
        bytes.reduce(0, ^)
    }

    /// The CU meaning of a status byte: `0x11` -> set, `0x00` -> clear, else nil.
    public static func statusBit(_ status: UInt8) -> Bool? {
        switch status {
        case 0x11: true
        case 0x00: false
        default: nil
        }
    }

    /// The request's bytes, BCC included.
    public static func encode(
        _ command: CUXorCommand, maskOrder: CUXorMaskOrder = .highByteFirst
    ) throws(CodecError) -> [UInt8] {
        switch command {
        case let .open(board, lock):
            return sealed([openHeader, try boardByte(board), try lockByte(lock, in: lockRange), openFunction])
        case let .query(board, lock):
            return sealed([queryHeader, try boardByte(board), try lockByte(lock, in: lockRange), queryFunction])
        case let .multiOpen(board, locks):
            return sealed([multiOpenHeader, try boardByte(board)] + (try maskBytes(locks, order: maskOrder)))
        case let .keepPowered(board, lock, on):
            let lockRange = 1...lockRange.upperBound
            return sealed([
                on ? powerOnHeader : powerOffHeader, try boardByte(board),
                try lockByte(lock, in: lockRange), openFunction,
            ])
        }
    }

    /// Host-side framing of a reply to `command`; nil scans for an unsolicited
    /// `0x82` report of any board. `statusBytes` is the status byte count the
    /// board is known to send to a query-all (nil: unknown, the reply then ends
    /// at the longest `33`+BCC position found, after a quiet time).
    public static func scanReply(
        _ bytes: ArraySlice<UInt8>, to command: CUXorCommand?, statusBytes: Int? = nil
    ) -> FrameScan {
        switch command {
        case nil:
            return scanFixed(bytes, header: reportHeader, board: nil, lock: nil, length: 5)
        case let .open(board, lock):
            return scanFixed(bytes, header: openHeader, board: board, lock: lock, length: 5)
        case let .query(board, lock) where lock != 0:
            return scanFixed(bytes, header: queryHeader, board: board, lock: lock, length: 5)
        case let .query(board, _):
            return scanQueryAll(bytes, board: board, statusBytes: statusBytes)
        case let .multiOpen(board, _):
            return scanFixed(bytes, header: multiOpenHeader, board: board, lock: nil, length: 6)
        case let .keepPowered(board, lock, on):
            let header = on ? powerOnHeader : powerOffHeader
            return scanFixed(bytes, header: header, board: board, lock: lock, length: 5)
        }
    }

    /// A fixed-length frame whose first bytes must be `header`, `board`, `lock`.
    static func scanFixed(
        _ bytes: ArraySlice<UInt8>, header: UInt8, board: Int?, lock: Int?, length: Int
    ) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        guard first == header else { return .noise }
        if let board, bytes.count > 1, Int(bytes.frameByte(at: 1)) != board { return .noise }
        if let lock, bytes.count > 2, Int(bytes.frameByte(at: 2)) != lock { return .noise }
        guard bytes.count >= length else { return .needMore }
        let valid = bcc(bytes.framePrefix(length - 1)) == bytes.frameByte(at: length - 1)
        return valid ? .complete(length: length) : .corrupt(length: length)
    }

    /// `80 bb S_k .. S_1 33 BCC`: a status byte can itself be `0x33`, so without a
    /// known count every `33` followed by a matching BCC is a candidate end.
    static func scanQueryAll(_ bytes: ArraySlice<UInt8>, board: Int, statusBytes: Int?) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        guard first == queryHeader else { return .noise }
        if bytes.count > 1, Int(bytes.frameByte(at: 1)) != board { return .noise }
        if let statusBytes, statusBytes >= 1 {
            let length = statusBytes + 4
            guard bytes.count >= length else { return .needMore }
            let valid = bytes.frameByte(at: length - 2) == queryFunction
                && bcc(bytes.framePrefix(length - 1)) == bytes.frameByte(at: length - 1)
            return valid ? .complete(length: length) : .corrupt(length: length)
        }
        let maxLength = queryAllStatusByteRange.upperBound + 4
        guard bytes.count >= 5 else { return .needMore }
        var longest: Int?
        var lastTerminator: Int?
        var running = bcc(bytes.framePrefix(3))
        for position in 3...min(bytes.count - 2, maxLength - 2) {
            let byte = bytes.frameByte(at: position)
            running ^= byte
            guard byte == queryFunction else { continue }
            lastTerminator = position
            if running == bytes.frameByte(at: position + 1) { longest = position + 2 }
        }
        // Every frame that could still end later would be longer than the buffer
        // allows once it holds maxLength bytes: then the longest candidate is final.
        if let longest {
            return bytes.count >= maxLength ? .complete(length: longest) : .completeUnlessMoreFollows(length: longest)
        }
        guard bytes.count >= maxLength else { return .needMore }
        if let lastTerminator { return .corrupt(length: lastTerminator + 2) }
        return .noise
    }

    static func sealed(_ body: [UInt8]) -> [UInt8] {
        body + [bcc(body)]
    }

    static func boardByte(_ board: Int) throws(CodecError) -> UInt8 {
        UInt8(try CodecFields.check("board", board, in: boardRange))
    }

    static func lockByte(_ lock: Int, in range: ClosedRange<Int>) throws(CodecError) -> UInt8 {
        UInt8(try CodecFields.check("lock", lock, in: range))
    }

    /// The three mask bytes in wire order.
    static func maskBytes(_ locks: [Int], order: CUXorMaskOrder) throws(CodecError) -> [UInt8] {
        guard !locks.isEmpty else {
            throw CodecError.outOfRange(field: "lock count", value: 0, range: 1...multiOpenLockRange.count)
        }
        var bits = [Bool](repeating: false, count: multiOpenLockRange.upperBound)
        for lock in locks {
            bits[try CodecFields.check("lock", lock, in: multiOpenLockRange) - 1] = true
        }
        let lowFirst = CodecFields.bytes(of: bits)
        return order == .lowByteFirst ? lowFirst : lowFirst.reversed()
    }

    /// The locks of three wire-order mask bytes, ascending.
    static func locks(ofMask mask: ArraySlice<UInt8>, order: CUXorMaskOrder) -> [Int] {
        let lowFirst = order == .lowByteFirst ? Array(mask) : mask.reversed()
        return CodecFields.bits(of: lowFirst).enumerated().compactMap { $0.element ? $0.offset + 1 : nil }
    }
}
