/// Kerong KR-CU16/CU12: board-side request decoding and host-side decoding of the
/// `35` status reply. ADDR's low nibble and the broadcast address carry bits some
/// requests ignore, so round trips compare decoded values, not bytes.
enum KerongCU16Fuzzing {
    static func exercise(_ bytes: ArraySlice<UInt8>) {
        FuzzChecks.scanDecodeRoundTrip(
            bytes, codec: "kerong-cu16 request", scan: KerongCU16Codec.scanCommand,
            decode: { (slice) throws(CodecError) in try KerongCU16Codec.decodeCommand(slice) },
            encode: { (command) throws(CodecError) in try KerongCU16Codec.encode(command) })
        for command in askedCommands(bytes) {
            FuzzChecks.scanDecodeRoundTrip(
                bytes, codec: "kerong-cu16 reply to \(command)", scan: { KerongCU16Codec.scanReply($0, to: command) },
                decode: { (slice) throws(CodecError) in try KerongCU16Codec.decodeReply(slice, to: command) },
                encode: { (status) throws(CodecError) in try KerongCU16Codec.encode(reply: status) })
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
        FuzzChecks.scanDecodeRoundTrip(
            bytes, codec: "kerong-cu48 request", scan: KerongCU48Codec.scanCommand,
            decode: { (slice) throws(CodecError) in try KerongCU48Codec.decodeCommand(slice) },
            encode: { (command) throws(CodecError) in try KerongCU48Codec.encode(command) })
        for command in askedCommands(bytes) {
            FuzzChecks.scanDecodeRoundTrip(
                bytes, codec: "kerong-cu48 reply to \(command)", scan: { KerongCU48Codec.scanReply($0, to: command) },
                decode: { (slice) throws(CodecError) in try KerongCU48Codec.decodeReply(slice, to: command) },
                encode: { (status) throws(CodecError) in try KerongCU48Codec.encode(reply: status) })
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
