/// Byte order of the three lock-mask bytes of a CU `0x90` multi-open.
///
/// Sources disagree, so it is a per-installation setting. `highByteFirst` sends
/// `90 bb m3 m2 m1` where `m1` holds locks 1-8 (bit 0 = lock 1).
public enum CUXorMaskOrder: String, Sendable, Codable, CaseIterable {
    /// `90 bb m3 m2 m1`: the byte for locks 17-24 first.
    case highByteFirst = "high-first"
    /// `90 bb m1 m2 m3`: the byte for locks 1-8 first.
    case lowByteFirst = "low-first"
}

/// A request from the host to a CU XOR board. Locks are numbered from 1.
public enum CUXorCommand: Equatable, Sendable {
    /// `8A bb ll 11`: fire one lock; lock 0 fires every lock on the board.
    case open(board: Int, lock: Int)
    /// `80 bb ll 33`: read one lock's status; lock 0 reads all of them.
    case query(board: Int, lock: Int)
    /// `90 bb m3 m2 m1`: fire several locks (1...24) at once.
    case multiOpen(board: Int, locks: [Int])
    /// `9A` (on) / `9B` (off) `bb ll 11`: keep a magnetic lock's channel powered.
    case keepPowered(board: Int, lock: Int, on: Bool)
}

/// A frame from a CU XOR board to the host.
public enum CUXorReply: Equatable, Sendable {
    /// `8A/80 bb ll SS`: answer to an open (one or all) or a single-lock query.
    case lock(board: Int, lock: Int, status: UInt8)
    /// `80 bb S_k..S_1 33`: answer to a query-all; `bits[i]` is channel i+1 and
    /// `bits.count` is 8 times the number of status bytes the board sent.
    case allLocks(board: Int, bits: [Bool])
    /// `82 bb ll SS`: unsolicited change report (only some firmware sends it).
    case report(board: Int, lock: Int, status: UInt8)
    /// Echo of a `9A`/`9B` keep-powered command.
    case power(board: Int, lock: Int, on: Bool)
    /// Echo of a `90` multi-open: the locks of its mask, ascending.
    case multiOpened(board: Int, locks: [Int])
}
