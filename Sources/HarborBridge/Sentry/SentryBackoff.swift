/// How long the sender waits before trying the receiver again: `initial`,
/// doubling on each failure up to `maximum`; a delivery starts over.
public struct SentryBackoff: Sendable, Equatable {
    /// The first wait after a failure.
    public let initial: Duration
    /// The longest wait.
    public let maximum: Duration
    private var current: Duration?

    /// A schedule from `initial` doubling to `maximum` (1 s to 5 min by default).
    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(300)) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The wait after one more failure.
    public mutating func nextDelay() -> Duration {
        let next = current.map { min($0 * 2, maximum) } ?? initial
        current = next
        return next
    }

    /// After a delivery: the next failure waits `initial` again.
    public mutating func reset() {
        current = nil
    }
}
