extension CUXorCodec {
    /// Board-side framing of host requests. Replies other boards put on the bus
    /// (`8A bb ll 00`, `80 bb ll 00`) carry no request function byte: noise.
    public static func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        guard let first = bytes.first else { return .needMore }
        let length: Int
        let function: UInt8?
        switch first {
        case openHeader, powerOnHeader, powerOffHeader: (length, function) = (5, openFunction)
        case queryHeader: (length, function) = (5, queryFunction)
        case multiOpenHeader: (length, function) = (6, nil)
        default: return .noise
        }
        if let function, bytes.count > 3, bytes.frameByte(at: 3) != function { return .noise }
        guard bytes.count >= length else { return .needMore }
        let valid = bcc(bytes.framePrefix(length - 1)) == bytes.frameByte(at: length - 1)
        return valid ? .complete(length: length) : .corrupt(length: length)
    }

    /// Parses one whole request (board side); ranges are checked as `encode` does.
    public static func decodeCommand(
        _ frame: ArraySlice<UInt8>, maskOrder: CUXorMaskOrder = .highByteFirst
    ) throws(CodecError) -> CUXorCommand {
        guard let first = frame.first else { throw CodecError.wrongLength(expected: 5, actual: 0) }
        let length = first == multiOpenHeader ? 6 : 5
        try CodecFields.expectLength(frame, length)
        let expected = bcc(frame.framePrefix(length - 1))
        let actual = frame.frameByte(at: length - 1)
        guard expected == actual else { throw CodecError.badChecksum(expected: expected, actual: actual) }
        let board = try CodecFields.check("board", Int(frame.frameByte(at: 1)), in: boardRange)
        let lock = Int(frame.frameByte(at: 2))
        let function = frame.frameByte(at: 3)
        switch (first, function) {
        case (openHeader, openFunction):
            return .open(board: board, lock: try CodecFields.check("lock", lock, in: lockRange))
        case (queryHeader, queryFunction):
            return .query(board: board, lock: try CodecFields.check("lock", lock, in: lockRange))
        case (powerOnHeader, openFunction), (powerOffHeader, openFunction):
            let lock = try CodecFields.check("lock", lock, in: 1...lockRange.upperBound)
            return .keepPowered(board: board, lock: lock, on: first == powerOnHeader)
        case (multiOpenHeader, _):
            let mask = frame[(frame.startIndex + 2)..<(frame.startIndex + 5)]
            let locks = locks(ofMask: mask, order: maskOrder)
            guard !locks.isEmpty else {
                throw CodecError.outOfRange(field: "lock count", value: 0, range: 1...multiOpenLockRange.count)
            }
            return .multiOpen(board: board, locks: locks)
        default:
            throw CodecError.unexpectedFrame(
                "no CU request starts \(Hex.byte(first)) and has function \(Hex.byte(function))")
        }
    }

    /// A board's reply bytes, BCC included. A `.lock` reply answers an open
    /// (`8A`) unless `command` says it answers a query (`80`).
    public static func encode(
        reply: CUXorReply, answering command: CUXorCommand? = nil, maskOrder: CUXorMaskOrder = .highByteFirst
    ) throws(CodecError) -> [UInt8] {
        switch reply {
        case let .lock(board, lock, status):
            let header: UInt8 = if case .query = command { queryHeader } else { openHeader }
            return sealed([header, try boardByte(board), try lockByte(lock, in: lockRange), status])
        case let .allLocks(board, bits):
            let bitCounts = (queryAllStatusByteRange.lowerBound * 8)...(queryAllStatusByteRange.upperBound * 8)
            guard bits.count % 8 == 0 else {
                throw CodecError.outOfRange(field: "status bit count", value: bits.count, range: bitCounts)
            }
            _ = try CodecFields.check("status bit count", bits.count, in: bitCounts)
            let statusBytes = CodecFields.bytes(of: bits).reversed()
            return sealed([queryHeader, try boardByte(board)] + statusBytes + [queryFunction])
        case let .report(board, lock, status):
            return sealed([reportHeader, try boardByte(board), try lockByte(lock, in: lockRange), status])
        case let .power(board, lock, on):
            return sealed([
                on ? powerOnHeader : powerOffHeader, try boardByte(board),
                try lockByte(lock, in: 1...lockRange.upperBound), openFunction,
            ])
        case let .multiOpened(board, locks):
            return sealed([multiOpenHeader, try boardByte(board)] + (try maskBytes(locks, order: maskOrder)))
        }
    }
}
