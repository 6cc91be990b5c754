import Synchronization

/// The wake-up pipe of one mDNS poll loop, shareable with a task-cancellation
/// handler or a `stop()` call. Sendable because the only stored property is a
/// Mutex: a nudge and the final close can never race, so a nudge never writes to
/// a descriptor number the system has already handed to someone else.
final class MDNSWake: Sendable {
    private let pipe: Mutex<WakePipe?>
    /// The end the loop polls.
    let reader: Int32

    init() throws(DiscoveryError) {
        let made: WakePipe
        do {
            made = try WakePipe.make()
        } catch {
            if case let .system(operation, code) = error { throw .socketFailed(operation: operation, errno: code) }
            throw .socketFailed(operation: "pipe", errno: 0)
        }
        reader = made.reader
        pipe = Mutex(made)
    }

    /// Wakes the loop; does nothing once closed.
    func nudge() {
        pipe.withLock { $0?.nudge() }
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        pipe.withLock { $0?.drain() }
    }

    /// Closes both ends; later nudges do nothing.
    func close() {
        pipe.withLock { state in
            state?.close()
            state = nil
        }
    }
}

/// Milliseconds for poll(2) until `deadline`, rounded up so the loop never wakes
/// early and spins; 0 when it has passed.
func pollMilliseconds(until deadline: ContinuousClock.Instant, now: ContinuousClock.Instant) -> Int32 {
    let wait = now.duration(to: deadline)
    guard wait > .zero else { return 0 }
    let (seconds, attoseconds) = wait.components
    let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(min(milliseconds, 60_000))
}
