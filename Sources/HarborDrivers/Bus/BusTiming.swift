/// The silences a lock-board bus keeps.
public struct BusTiming: Sendable, Equatable {
    /// Silence left between the end of one transaction and the next write, so a
    /// board sees a clean frame boundary.
    public var interFrameGap: Duration
    /// End-of-frame silence, used only for variable-length replies
    /// (`.completeUnlessMoreFollows`) and after a corrupt frame.
    public var quietTime: Duration
    /// Minimum time between reopen attempts of a failed device; requests in
    /// between fail fast with the last error.
    public var reopenBackoff: Duration

    /// Timing with the defaults that suit 9600-19200 baud RS485 boards.
    public init(
        interFrameGap: Duration = .milliseconds(5),
        quietTime: Duration = .milliseconds(25),
        reopenBackoff: Duration = .milliseconds(250)
    ) {
        self.interFrameGap = interFrameGap
        self.quietTime = quietTime
        self.reopenBackoff = reopenBackoff
    }
}

/// Counters of what happened on a bus, for health checks and the bench tool.
public struct BusStatistics: Sendable, Equatable {
    /// Requests that got their turn on the bus (every outcome, fail-fast included).
    public var transactions = 0
    /// Frames written to the transport (one per transaction that reached the wire).
    public var framesWritten = 0
    /// Transactions that returned a reply frame.
    public var replies = 0
    /// Transactions that ended in silence (`.noReply`, or nil for `.optional`).
    public var timeouts = 0
    /// Transactions that failed with `.corruptReply`.
    public var corruptReplies = 0
    /// Open, read or write failures of the device (not the fail-fast refusals after one).
    public var transportFailures = 0
    /// Requests cancelled before their frame was written.
    public var cancellations = 0
    /// Bytes dropped because they could not start the expected reply.
    public var noiseBytesSkipped = 0
    /// Write to complete reply of the last transaction that got a reply.
    public var lastRoundTrip: Duration?
    /// The error of the last failed transaction.
    public var lastError: BusError?
    /// When the last reply completed.
    public var lastReplyAt: ContinuousClock.Instant?

    /// Empty statistics.
    public init() {}
}
