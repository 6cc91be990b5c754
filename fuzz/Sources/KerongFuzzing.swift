/// Kerong KR-CU16/CU12: board-side request decoding and host-side decoding of the
/// `35` status reply. ADDR's low nibble and the broadcast address carry bits some
/// requests ignore, so round trips compare decoded values, not bytes.
enum KerongCU16Fuzzing {
    static func exercise(_ bytes: ArraySlice<UInt8>) {
        func codec() -> String { "kerong-cu16 request" }
        for frame in FuzzChecks.scannedFrames(bytes, codec: codec(), KerongCU16Codec.scanCommand) {
            let decoded = FuzzChecks.decodeAnywhere(frame, codec: codec()) { (slice) throws(CodecError) in
                try KerongCU16Codec.decodeCommand(slice)
            }
            guard let command = decoded else { continue }
            FuzzChecks.roundTrip(
                command, from: frame, codec: codec(),
                encode: { (command) throws(CodecError) in try KerongCU16Codec.encode(command) },
                decode: { (encoded) throws(CodecError) in try KerongCU16Codec.decodeCommand(encoded[...]) })
        }
        for command in askedCommands(bytes) {
            replies(bytes, to: command)
        }
    }

    static func replies(_ bytes: ArraySlice<UInt8>, to command: KerongCU16Command) {
        func codec() -> String { "kerong-cu16 reply to \(command)" }
        let scanned = FuzzChecks.scannedFrames(bytes, codec: codec()) { KerongCU16Codec.scanReply($0, to: command) }
        for frame in scanned {
            let decoded = FuzzChecks.decodeAnywhere(frame, codec: codec()) { (slice) throws(CodecError) in
                try KerongCU16Codec.decodeReply(slice, to: command)
            }
            guard let status = decoded else { continue }
            FuzzChecks.roundTrip(
                status, from: frame, codec: codec(),
                encode: { (status) throws(CodecError) in try KerongCU16Codec.encode(reply: status) },
                decode: { (encoded) throws(CodecError) in try KerongCU16Codec.decodeReply(encoded[...], to: command) })
        }
    }

    /// Every request kind for the board and lock ADDR names (board 0 lock 1 without one).
    static func askedCommands(_ bytes: ArraySlice<UInt8>) -> [KerongCU16Command] {
        let address = bytes.count > 1 ? bytes.frameByte(at: 1) : 0
        let board = Int(address >> 4)
        let lock = Int(address & 0x0F) + 1
        let candidates: [KerongCU16Command] = [
            .status(board: board), .unlock(board: board, lock: lock), .statusAll, .unlockAll(board: board),
        ]
        return candidates.filter { (try? KerongCU16Codec.encode($0)) != nil }
    }
}

/// Kerong KR-CU48: board-side request decoding and host-side decoding of the
/// 18-byte `75` status reply. The LOCK byte of a status request and of the reply
/// is not read, so round trips compare decoded values.
enum KerongCU48Fuzzing {
    static func exercise(_ bytes: ArraySlice<UInt8>) {
        func codec() -> String { "kerong-cu48 request" }
        for frame in FuzzChecks.scannedFrames(bytes, codec: codec(), KerongCU48Codec.scanCommand) {
            let decoded = FuzzChecks.decodeAnywhere(frame, codec: codec()) { (slice) throws(CodecError) in
                try KerongCU48Codec.decodeCommand(slice)
            }
            guard let command = decoded else { continue }
            FuzzChecks.roundTrip(
                command, from: frame, codec: codec(),
                encode: { (command) throws(CodecError) in try KerongCU48Codec.encode(command) },
                decode: { (encoded) throws(CodecError) in try KerongCU48Codec.decodeCommand(encoded[...]) })
        }
        for command in askedCommands(bytes) {
            func codec() -> String { "kerong-cu48 reply to \(command)" }
            let scanned = FuzzChecks.scannedFrames(bytes, codec: codec()) { KerongCU48Codec.scanReply($0, to: command) }
            for frame in scanned {
                let decoded = FuzzChecks.decodeAnywhere(frame, codec: codec()) { (slice) throws(CodecError) in
                    try KerongCU48Codec.decodeReply(slice, to: command)
                }
                guard let status = decoded else { continue }
                FuzzChecks.roundTrip(
                    status, from: frame, codec: codec(),
                    encode: { (status) throws(CodecError) in try KerongCU48Codec.encode(reply: status) },
                    decode: { (encoded) throws(CodecError) in
                        try KerongCU48Codec.decodeReply(encoded[...], to: command)
                    })
            }
        }
    }

    /// Both request kinds for the board ADDR names and the lock LOCK names.
    static func askedCommands(_ bytes: ArraySlice<UInt8>) -> [KerongCU48Command] {
        let board = bytes.count > 1 ? Int(bytes.frameByte(at: 1)) : 0
        let lock = bytes.count > 2 ? Int(bytes.frameByte(at: 2)) % 48 + 1 : 1
        let candidates: [KerongCU48Command] = [.status(board: board), .unlock(board: board, lock: lock)]
        return candidates.filter { (try? KerongCU48Codec.encode($0)) != nil }
    }
}
