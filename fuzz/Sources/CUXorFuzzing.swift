/// CU XOR boards: board-side request decoding in both mask byte orders, and
/// host-side reply decoding against every request a host could have sent that
/// these bytes might answer.
enum CUXorFuzzing {
    static func exercise(_ bytes: ArraySlice<UInt8>) {
        for order in CUXorMaskOrder.allCases {
            requests(bytes, maskOrder: order)
        }
        for command in askedCommands(bytes) {
            // The mask order only matters to a multi-open's echo.
            let orders: [CUXorMaskOrder] =
                if case .multiOpen = command { CUXorMaskOrder.allCases } else { [.highByteFirst] }
            for order in orders {
                replies(bytes, to: command, maskOrder: order)
            }
        }
    }

    static func requests(_ bytes: ArraySlice<UInt8>, maskOrder: CUXorMaskOrder) {
        func codec() -> String { "cu-xor request \(maskOrder.rawValue)" }
        for frame in FuzzChecks.scannedFrames(bytes, codec: codec(), CUXorCodec.scanCommand) {
            let decoded = FuzzChecks.decodeAnywhere(frame, codec: codec()) { (slice) throws(CodecError) in
                try CUXorCodec.decodeCommand(slice, maskOrder: maskOrder)
            }
            guard let command = decoded else { continue }
            // A CU request has no bits the decoder ignores: it must come back byte for byte.
            let encoded = try? CUXorCodec.encode(command, maskOrder: maskOrder)
            guard encoded == Array(frame) else {
                let written = encoded.map(Hex.string) ?? "an error"
                FuzzChecks.broken(codec(), "\(Hex.string(frame)) decodes to \(command), which encodes to \(written)")
            }
        }
    }

    static func replies(_ bytes: ArraySlice<UInt8>, to command: CUXorCommand?, maskOrder: CUXorMaskOrder) {
        func codec() -> String { "cu-xor reply to \(command.map { "\($0)" } ?? "nothing") \(maskOrder.rawValue)" }
        // Only a query-all reply has a length the board decides (known or learned).
        let queriesAll = if case let .query(_, lock) = command { lock == 0 } else { false }
        for statusBytes in queriesAll ? [nil, 1, 3, 7] : [nil] as [Int?] {
            FuzzChecks.scanDecodeRoundTrip(
                bytes, codec: codec(),
                scan: { CUXorCodec.scanReply($0, to: command, statusBytes: statusBytes) },
                decode: { (slice) throws(CodecError) in try CUXorCodec.decodeReply(slice, to: command, maskOrder: maskOrder) },
                encode: { (reply) throws(CodecError) in
                    try CUXorCodec.encode(reply: reply, answering: command, maskOrder: maskOrder)
                })
        }
    }

    /// Requests a host may have sent: an unsolicited report (nil), and each request
    /// kind for the board and lock the bytes name, or board 1 lock 1 when they name
    /// none a host could address. Only requests that encode are ever on the wire.
    static func askedCommands(_ bytes: ArraySlice<UInt8>) -> [CUXorCommand?] {
        var boards = [1]
        var locks = [1]
        if bytes.count > 1, bytes.frameByte(at: 1) != 1 { boards.append(Int(bytes.frameByte(at: 1))) }
        if bytes.count > 2, bytes.frameByte(at: 2) != 1 { locks.append(Int(bytes.frameByte(at: 2))) }
        var candidates: [CUXorCommand] = []
        for board in boards {
            candidates += [.open(board: board, lock: 0), .query(board: board, lock: 0)]
            for lock in locks {
                candidates += [
                    .open(board: board, lock: lock), .query(board: board, lock: lock),
                    .multiOpen(board: board, locks: [lock]),
                    .keepPowered(board: board, lock: lock, on: true),
                    .keepPowered(board: board, lock: lock, on: false),
                ]
            }
        }
        return [nil] + candidates.filter { (try? CUXorCodec.encode($0)) != nil }
    }
}
