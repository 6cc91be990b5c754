/// One host on the simulated line (the pty master or a TCP client) and the replies
/// waiting to be written to it.
final class LineConnection {
    /// How the host is connected.
    enum Kind: Equatable {
        case pseudoTerminal
        case tcp
    }

    /// What one attempt to write due reply bytes achieved.
    struct Flush {
        /// Replies whose last byte was written.
        var completed: [ScheduledReply] = []
        /// The descriptor failed (the client went away): its errno.
        var failure: Int32?
    }

    let id: Int
    let fd: Int32
    let kind: Kind
    /// The descriptor took less than was due: wait for POLLOUT, not for a time.
    private(set) var isBlocked = false
    private var outbox: [(reply: ScheduledReply, written: Int)] = []

    init(id: Int, fd: Int32, kind: Kind) {
        self.id = id
        self.fd = fd
        self.kind = kind
    }

    func enqueue(_ reply: ScheduledReply) {
        outbox.append((reply, 0))
    }

    /// When the next reply byte is due, or nil when nothing waits for a time.
    var nextDue: ContinuousClock.Instant? {
        guard !isBlocked, let head = outbox.first else { return nil }
        return head.reply.dueTime(ofByte: head.written)
    }

    /// Whether the loop should poll for POLLOUT.
    var wantsWritable: Bool { isBlocked && !outbox.isEmpty }

    /// Writes every reply byte that is due at `now`, in order.
    func flushDue(at now: ContinuousClock.Instant) -> Flush {
        var flush = Flush()
        isBlocked = false
        while let head = outbox.first {
            var due = head.written
            while due < head.reply.bytes.count, head.reply.dueTime(ofByte: due) <= now { due += 1 }
            guard due > head.written else { break }
            switch PosixDescriptor.write(fd, head.reply.bytes[head.written..<due], isSocket: kind == .tcp) {
            case let .moved(count):
                outbox[0].written += count
            case .wouldBlock:
                isBlocked = true
                return flush
            case let .failed(code):
                flush.failure = code
                return flush
            case .endOfFile:
                return flush
            }
            if outbox[0].written == head.reply.bytes.count {
                flush.completed.append(head.reply)
                outbox.removeFirst()
            } else if outbox[0].written < due {
                isBlocked = true
                return flush
            } else {
                break
            }
        }
        return flush
    }
}
