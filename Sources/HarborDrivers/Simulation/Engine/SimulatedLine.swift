/// The boards sharing one simulated RS485 line, and the framing of what a host
/// sends them.
///
/// Pure and deterministic: time is passed in, nothing is written. An I/O shell
/// (`BoardSimulatorServer`) feeds it bytes and writes the replies it schedules.
/// Several connections (a pty and TCP clients) can share the boards; each has its
/// own receive buffer and its replies go back to it. Not Sendable: it owns the
/// boards, and one thread drives it.
public final class SimulatedLine {
    /// The boards on the line, in the order they are offered frames.
    public let boards: [any SimulatedBoard]
    /// The faults this line injects.
    public let faults: SimulatorFaults
    /// Silence after which a partial frame is given up and its bytes re-scanned.
    public let resyncAfter: Duration
    /// Silence after which a frame that a longer one could extend is taken as is.
    public let quietGap: Duration
    /// Whole frames a board took, on every connection.
    public private(set) var framesReceived = 0
    /// The line vanished (`SimulatorFaults.vanishAfterFrames`); it ignores all input.
    public private(set) var hasVanished = false

    private var repliesProduced = 0
    private var pending: [Int: PendingCommandBytes] = [:]

    /// A line with these boards. When two boards share an address the first answers.
    public init(
        boards: [any SimulatedBoard],
        faults: SimulatorFaults = SimulatorFaults(),
        resyncAfter: Duration = .milliseconds(50),
        quietGap: Duration = .milliseconds(20)
    ) {
        self.boards = boards
        self.faults = faults
        self.resyncAfter = resyncAfter
        self.quietGap = min(quietGap, resyncAfter)
    }

    /// The board with this address, if one is on the line.
    public func board(at address: Int) -> (any SimulatedBoard)? {
        boards.first { $0.address == address }
    }

    /// Takes bytes a host sent on `connection` at `now` and returns what happened.
    public func receive(_ bytes: [UInt8], at now: ContinuousClock.Instant, connection: Int = 0) -> [LineEvent] {
        guard !hasVanished else { return [] }
        var events = expire(at: now, connection: connection)
        guard !hasVanished, !bytes.isEmpty else { return events }
        var buffer = pending[connection] ?? PendingCommandBytes()
        buffer.bytes += bytes
        buffer.lastByteAt = now
        drain(&buffer, at: now, connection: connection, quiet: false, stale: false, into: &events)
        store(buffer, connection: connection)
        return events
    }

    /// Acts on silence: completes a frame waiting for quiet, gives up a stale
    /// partial frame and re-scans what followed its first byte.
    public func expire(at now: ContinuousClock.Instant, connection: Int = 0) -> [LineEvent] {
        guard !hasVanished, var buffer = pending[connection], let last = buffer.lastByteAt,
              !buffer.bytes.isEmpty else { return [] }
        let silence = last.duration(to: now)
        var events: [LineEvent] = []
        drain(&buffer, at: now, connection: connection,
              quiet: silence >= quietGap, stale: silence >= resyncAfter, into: &events)
        store(buffer, connection: connection)
        return events
    }

    /// When `expire(at:connection:)` next has something to do, if ever.
    public func expiry(connection: Int = 0) -> ContinuousClock.Instant? {
        guard !hasVanished, let buffer = pending[connection], let last = buffer.lastByteAt,
              !buffer.bytes.isEmpty else { return nil }
        return last + (buffer.waitingForQuiet ? quietGap : resyncAfter)
    }

    /// Forgets a connection that closed (its partial frame and wire timing).
    public func forget(connection: Int) {
        pending[connection] = nil
    }

    private func store(_ buffer: PendingCommandBytes, connection: Int) {
        pending[connection] = hasVanished ? nil : buffer
    }

    private func drain(
        _ buffer: inout PendingCommandBytes, at now: ContinuousClock.Instant, connection: Int,
        quiet: Bool, stale: Bool, into events: inout [LineEvent]
    ) {
        var dropped: DroppedBytes?
        func drop(_ count: Int, _ reason: DroppedBytes.Reason) {
            let bytes = Array(buffer.bytes.prefix(count))
            buffer.bytes.removeFirst(bytes.count)
            if dropped?.reason == reason, reason != .badChecksum, reason != .noBoardAnswered {
                dropped?.bytes += bytes
                return
            }
            if let earlier = dropped { events.append(.frameDropped(earlier)) }
            dropped = DroppedBytes(bytes: bytes, reason: reason)
        }
        func flushDropped() {
            if let earlier = dropped { events.append(.frameDropped(earlier)) }
            dropped = nil
        }
        buffer.waitingForQuiet = false
        while !buffer.bytes.isEmpty, !hasVanished {
            let scan = LineScan(buffer.bytes[...], boards: boards)
            if !scan.complete.isEmpty {
                flushDropped()
                take(scan.complete, from: &buffer, at: now, connection: connection, into: &events)
            } else if scan.needMore, !stale {
                break
            } else if !scan.completeUnlessMoreFollows.isEmpty {
                guard quiet else { buffer.waitingForQuiet = true; break }
                flushDropped()
                take(scan.completeUnlessMoreFollows, from: &buffer, at: now, connection: connection, into: &events)
            } else if scan.needMore {
                drop(1, .stalePartialFrame)
            } else if let length = scan.corruptLength {
                drop(length, .badChecksum)
            } else {
                // Bytes left over from a partial frame that silence ended count as
                // part of it, not as fresh noise.
                drop(1, stale ? .stalePartialFrame : .noise)
            }
        }
        flushDropped()
    }

    /// Offers the frame at the front of the buffer to the boards that framed it;
    /// the first that answers takes it.
    private func take(
        _ candidates: [(length: Int, board: any SimulatedBoard)], from buffer: inout PendingCommandBytes,
        at now: ContinuousClock.Instant, connection: Int, into events: inout [LineEvent]
    ) {
        for (length, board) in candidates {
            let frame = Array(buffer.bytes.prefix(length))
            guard let response = board.handle(frame[...], at: now) else { continue }
            buffer.bytes.removeFirst(length)
            accept(frame, by: board, response: response, at: now, wire: &buffer.wireFreeAt, into: &events)
            return
        }
        let length = candidates[0].length
        events.append(.frameDropped(DroppedBytes(bytes: Array(buffer.bytes.prefix(length)), reason: .noBoardAnswered)))
        buffer.bytes.removeFirst(length)
    }

    private func accept(
        _ frame: [UInt8], by board: any SimulatedBoard, response: BoardResponse,
        at now: ContinuousClock.Instant, wire: inout ContinuousClock.Instant?, into events: inout [LineEvent]
    ) {
        framesReceived += 1
        // A reply is handed to the host no earlier than `wire`, so a host that
        // waited for it sends its next frame strictly later; at or before that
        // instant the host spoke while the board was still due to talk.
        let overlaps = wire.map { now <= $0 } ?? false
        events.append(.frameReceived(ReceivedFrame(
            bytes: frame, board: board.address, boardProtocol: board.boardProtocol,
            summary: response.summary, firedChannels: response.firedChannels, overlapsReply: overlaps)))
        if let limit = faults.vanishAfterFrames, framesReceived >= limit {
            hasVanished = true
            events.append(.lineVanished)
            return
        }
        guard let reply = response.reply else { return }
        if faults.silentAddresses.contains(board.address) {
            events.append(.replyWithheld(WithheldReply(
                board: board.address, bytes: reply, summary: response.summary, reason: .silentBoard)))
            return
        }
        repliesProduced += 1
        if let every = faults.dropEveryNthReply, every > 0, repliesProduced % every == 0 {
            events.append(.replyWithheld(WithheldReply(
                board: board.address, bytes: reply, summary: response.summary, reason: .droppedReply)))
            return
        }
        var sent = reply
        if faults.corruptChecksums, let last = sent.indices.last { sent[last] ^= 0xFF }
        // On a paced line the host's frame itself takes its bytes' wire time to
        // arrive (the pty hands it over at once), so the board answers only after.
        let requestWire = faults.byteTime.map { $0 * frame.count } ?? .zero
        var due = now + requestWire + faults.replyLatency
        if let busy = wire, busy > due { due = busy }
        let scheduled = ScheduledReply(
            board: board.address, bytes: faults.noiseBeforeReply + sent,
            summary: response.summary, due: due, byteTime: faults.byteTime)
        wire = scheduled.finished
        events.append(.replyScheduled(scheduled))
    }
}
