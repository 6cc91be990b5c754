extension CUXorCodec {
    /// Parses one whole reply to `command` (nil: an unsolicited `0x82` report).
    /// `maskOrder` only matters for the echo of a multi-open.
    public static func decodeReply(
        _ frame: ArraySlice<UInt8>, to command: CUXorCommand?, maskOrder: CUXorMaskOrder = .highByteFirst
    ) throws(CodecError) -> CUXorReply {
        switch command {
        case nil:
            try checkFixed(frame, header: reportHeader, board: nil, lock: nil, length: 5)
            // No request names the board, so its range is checked as `encode` checks it:
            // a report from board 0 or 130 is line noise with a lucky BCC.
            let board = try CodecFields.check("board", Int(frame.frameByte(at: 1)), in: boardRange)
            let lock = try CodecFields.check("lock", Int(frame.frameByte(at: 2)), in: lockRange)
            return .report(board: board, lock: lock, status: frame.frameByte(at: 3))
        case let .open(board, lock):
            try checkFixed(frame, header: openHeader, board: board, lock: lock, length: 5)
            return .lock(board: board, lock: lock, status: frame.frameByte(at: 3))
        case let .query(board, lock) where lock != 0:
            try checkFixed(frame, header: queryHeader, board: board, lock: lock, length: 5)
            return .lock(board: board, lock: lock, status: frame.frameByte(at: 3))
        case let .query(board, _):
            return try decodeQueryAll(frame, board: board)
        case let .multiOpen(board, _):
            try checkFixed(frame, header: multiOpenHeader, board: board, lock: nil, length: 6)
            let mask = frame[(frame.startIndex + 2)..<(frame.startIndex + 5)]
            // A multi-open names at least one lock, so an echo of none answers no request.
            let locks = locks(ofMask: mask, order: maskOrder)
            guard !locks.isEmpty else {
                throw CodecError.outOfRange(field: "lock count", value: 0, range: 1...multiOpenLockRange.count)
            }
            return .multiOpened(board: board, locks: locks)
        case let .keepPowered(board, lock, on):
            try checkFixed(frame, header: on ? powerOnHeader : powerOffHeader, board: board, lock: lock, length: 5)
            guard frame.frameByte(at: 3) == openFunction else {
                throw CodecError.unexpectedFrame("power echo ends in \(Hex.byte(frame.frameByte(at: 3))), not 11")
            }
            return .power(board: board, lock: lock, on: on)
        }
    }

    /// `80 bb S_k .. S_1 33 BCC`; S_1, right before `33`, holds channels 1-8.
    static func decodeQueryAll(_ frame: ArraySlice<UInt8>, board: Int) throws(CodecError) -> CUXorReply {
        let lengths = (queryAllStatusByteRange.lowerBound + 4)...(queryAllStatusByteRange.upperBound + 4)
        guard lengths.contains(frame.count) else {
            let expected = frame.count < lengths.lowerBound ? lengths.lowerBound : lengths.upperBound
            throw CodecError.wrongLength(expected: expected, actual: frame.count)
        }
        try checkFixed(frame, header: queryHeader, board: board, lock: nil, length: frame.count)
        guard frame.frameByte(at: frame.count - 2) == queryFunction else {
            throw CodecError.unexpectedFrame("query-all reply lacks 33 before its BCC")
        }
        let statusBytes = frame[(frame.startIndex + 2)..<(frame.endIndex - 2)]
        return .allLocks(board: board, bits: CodecFields.bits(of: statusBytes.reversed()))
    }

    /// Length, BCC, then the header, board and lock the reply must carry.
    static func checkFixed(
        _ frame: ArraySlice<UInt8>, header: UInt8, board: Int?, lock: Int?, length: Int
    ) throws(CodecError) {
        try CodecFields.expectLength(frame, length)
        let expected = bcc(frame.framePrefix(length - 1))
        let actual = frame.frameByte(at: length - 1)
        guard expected == actual else { throw CodecError.badChecksum(expected: expected, actual: actual) }
        let first = frame.frameByte(at: 0)
        guard first == header else {
            throw CodecError.unexpectedFrame("header \(Hex.byte(first)), expected \(Hex.byte(header))")
        }
        if let board, Int(frame.frameByte(at: 1)) != board {
            throw CodecError.unexpectedFrame("reply from board \(frame.frameByte(at: 1)), expected \(board)")
        }
        if let lock, Int(frame.frameByte(at: 2)) != lock {
            throw CodecError.unexpectedFrame("reply about lock \(frame.frameByte(at: 2)), expected \(lock)")
        }
    }
}
