/// One RS485 line (or TCP bridge) shared by the lock boards wired to it.
///
/// The bus owns its transport, opens it on the first request, runs exactly one
/// request at a time in arrival order, frames replies with the request's scanner,
/// and never writes a frame twice: an unlock whose reply is lost is an unknown
/// outcome for the caller, not something to retry. A failed device is closed and
/// reopened by a later request, so a replugged adapter works without a restart.
public actor LockBoardBus {
    /// The transport's endpoint (device path or `host:port`), for logs.
    public nonisolated let endpoint: String
    /// What happened on the bus so far.
    public private(set) var statistics = BusStatistics()

    let transport: any ByteTransport
    let timing: BusTiming
    let clock = ContinuousClock()
    private let turnstile = BusTurnstile()
    private var isTransportOpen = false
    private var lastFailure: (error: TransportError, at: ContinuousClock.Instant)?
    private var lastTransactionEnd: ContinuousClock.Instant?

    /// A bus over `transport`; nothing is opened until the first request.
    public init(transport: any ByteTransport, timing: BusTiming = BusTiming()) {
        self.transport = transport
        self.timing = timing
        endpoint = transport.endpoint
    }

    /// Sends one request and returns the reply frame bytes (nil when the reply is
    /// `.none`, or `.optional` and the board stayed silent).
    public func transact(_ request: BusRequest) async throws(BusError) -> [UInt8]? {
        guard await turnstile.enter() else {
            statistics.cancellations += 1
            throw .cancelled
        }
        defer { turnstile.leave() }
        statistics.transactions += 1
        do {
            return try await perform(request)
        } catch .cancelled {
            statistics.cancellations += 1
            throw .cancelled
        } catch {
            statistics.lastError = error
            throw error
        }
    }

    /// Waits for the request on the wire to finish, then closes the transport; a
    /// later request opens it again.
    public func close() async {
        await turnstile.enterUncancellably()
        defer { turnstile.leave() }
        await transport.close()
        isTransportOpen = false
    }

    /// Requests waiting behind the one on the wire.
    public nonisolated var waitingRequests: Int {
        turnstile.waiting
    }

    private func perform(_ request: BusRequest) async throws(BusError) -> [UInt8]? {
        if Task.isCancelled { throw .cancelled }
        try await openIfNeeded()
        try await keepInterFrameGap()
        // Late replies of a board that timed out earlier must not be taken for the
        // answer to this request.
        await transport.discardInput()
        if Task.isCancelled { throw .cancelled }
        let writtenAt = clock.now
        defer { lastTransactionEnd = clock.now }
        do {
            try await transport.write(request.frame)
        } catch {
            await failTransport(error)
            throw .transport(error)
        }
        statistics.framesWritten += 1
        guard request.reply != .none else { return nil }
        return try await receiveReply(to: request, writtenAt: writtenAt)
    }

    private func openIfNeeded() async throws(BusError) {
        if isTransportOpen { return }
        if let lastFailure, clock.now < lastFailure.at + timing.reopenBackoff {
            throw .transport(lastFailure.error)
        }
        do {
            try await transport.open()
        } catch {
            await failTransport(error)
            throw .transport(error)
        }
        isTransportOpen = true
    }

    private func keepInterFrameGap() async throws(BusError) {
        guard let lastTransactionEnd else { return }
        let earliest = lastTransactionEnd + timing.interFrameGap
        guard clock.now < earliest else { return }
        do {
            try await clock.sleep(until: earliest)
        } catch {
            throw .cancelled
        }
    }

    /// Closes the device after a failure so the next request (after the backoff)
    /// opens it afresh.
    func failTransport(_ error: TransportError) async {
        statistics.transportFailures += 1
        lastFailure = (error, clock.now)
        isTransportOpen = false
        await transport.close()
    }

    /// Counts a reply that completed and returns its bytes.
    func recordReply(_ frame: [UInt8], writtenAt: ContinuousClock.Instant) -> [UInt8] {
        let now = clock.now
        statistics.replies += 1
        statistics.lastReplyAt = now
        statistics.lastRoundTrip = now - writtenAt
        return frame
    }

    /// Counts bytes dropped as noise.
    func recordNoise(_ count: Int) {
        statistics.noiseBytesSkipped += count
    }

    /// Counts a transaction that ended in silence or with only corrupt frames.
    func recordUnanswered(corrupt: Bool) {
        if corrupt {
            statistics.corruptReplies += 1
        } else {
            statistics.timeouts += 1
        }
    }
}
