extension LockBoardBus {
    /// Reads until the request's scanner finds its reply, the deadline passes, or
    /// (only for variable-length replies and after a corrupt frame) the line stays
    /// quiet for `quietTime`. A complete frame returns at once, with no quiet wait.
    func receiveReply(to request: BusRequest, writtenAt: ContinuousClock.Instant) async throws(BusError) -> [UInt8]? {
        let deadline = writtenAt + request.timeout
        var pending: [UInt8] = []
        var lastCorruptFrame: [UInt8]?
        var lastArrival = writtenAt
        while true {
            var validUnlessMoreFollows: Int?
            scanning: while !pending.isEmpty {
                switch request.scanReply(pending[...]) {
                case let .complete(length) where length >= 1:
                    guard length <= pending.count else { break scanning }
                    return recordReply(Array(pending.prefix(length)), writtenAt: writtenAt)
                case let .completeUnlessMoreFollows(length) where length >= 1:
                    if length <= pending.count { validUnlessMoreFollows = length }
                    break scanning
                case let .corrupt(length) where length >= 1:
                    let dropped = min(length, pending.count)
                    lastCorruptFrame = Array(pending.prefix(dropped))
                    pending.removeFirst(dropped)
                case .needMore:
                    break scanning
                case .noise, .complete, .completeUnlessMoreFollows, .corrupt:
                    // Zero or negative lengths from a faulty scanner are treated as
                    // noise too, so the loop always makes progress.
                    pending.removeFirst()
                    recordNoise(1)
                }
            }

            let waitsForQuiet = validUnlessMoreFollows != nil || lastCorruptFrame != nil
            let readUntil = waitsForQuiet ? min(deadline, lastArrival + timing.quietTime) : deadline
            var arrived: [UInt8] = []
            do {
                // Past the deadline a line that never goes quiet must not keep the
                // bus reading: what was scanned so far decides.
                if clock.now < deadline { arrived = try await transport.read(until: readUntil) }
            } catch {
                await failTransport(error)
                // The unlock is already on the wire and the board may have fired:
                // a device lost now is a lost reply (outcome unknown), not a
                // controller that was never reached. The bus still reopens it later.
                throw request.isUnlock ? .noReply : .transport(error)
            }
            if !arrived.isEmpty {
                pending.append(contentsOf: arrived)
                lastArrival = clock.now
                continue
            }

            // Silence until `readUntil`.
            if let length = validUnlessMoreFollows {
                return recordReply(Array(pending.prefix(length)), writtenAt: writtenAt)
            }
            if let lastCorruptFrame {
                recordUnanswered(corrupt: true)
                throw .corruptReply(lastCorruptFrame)
            }
            recordUnanswered(corrupt: false)
            if request.reply == .optional { return nil }
            throw .noReply
        }
    }
}
