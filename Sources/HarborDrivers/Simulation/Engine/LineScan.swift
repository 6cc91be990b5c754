/// The boards' verdicts on the bytes at the front of a buffer, merged.
///
/// Boards of different protocols read the same bytes differently; a whole valid
/// frame for any of them wins, a possible frame waits, and only bytes every board
/// rejects are dropped.
struct LineScan {
    /// Boards that see a whole frame, with its length, in line order.
    var complete: [(length: Int, board: any SimulatedBoard)] = []
    /// Boards that see a whole frame that a longer one could still extend.
    var completeUnlessMoreFollows: [(length: Int, board: any SimulatedBoard)] = []
    /// Some board sees the start of a frame.
    var needMore = false
    /// The shortest frame some board sees with a bad checksum.
    var corruptLength: Int?

    init(_ bytes: ArraySlice<UInt8>, boards: [any SimulatedBoard]) {
        for board in boards {
            switch board.scanCommand(bytes) {
            case let .complete(length) where length > 0 && length <= bytes.count:
                complete.append((length, board))
            case let .completeUnlessMoreFollows(length) where length > 0 && length <= bytes.count:
                completeUnlessMoreFollows.append((length, board))
            case .needMore:
                needMore = true
            case let .corrupt(length) where length > 0:
                corruptLength = min(corruptLength ?? length, min(length, bytes.count))
            case .complete, .completeUnlessMoreFollows, .corrupt, .noise:
                // A length the buffer cannot hold is a scanner fault: treat it as noise.
                continue
            }
        }
    }
}
