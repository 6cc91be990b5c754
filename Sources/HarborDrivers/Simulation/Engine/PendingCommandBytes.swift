/// Host bytes one connection sent that do not form a whole frame yet.
struct PendingCommandBytes {
    var bytes: [UInt8] = []
    /// When the newest byte arrived: silence since then ends a partial frame.
    var lastByteAt: ContinuousClock.Instant?
    /// The buffer holds a frame that is complete unless more bytes follow.
    var waitingForQuiet = false
    /// When this connection's wire is free again (replies do not overlap on RS485).
    var wireFreeAt: ContinuousClock.Instant?
}
