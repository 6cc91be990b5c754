import ServiceLifecycle

/// Delivers the reporter's queue in the background: oldest first; after a failure
/// it waits on the backoff schedule and tries again, so events kept while the
/// receiver is down arrive once it is back. Stops on graceful shutdown; what is
/// left stays on disk for the next run.
public struct SentrySender: Service {
    let reporter: SentryReporter
    let backoff: SentryBackoff
    let sleep: @Sendable (Duration) async throws -> Void

    /// A sender for `reporter` waiting `backoff` between failures with `sleep`.
    public init(
        reporter: SentryReporter, backoff: SentryBackoff = SentryBackoff(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.reporter = reporter
        self.backoff = backoff
        self.sleep = sleep
    }

    /// Delivers until graceful shutdown.
    public func run() async throws {
        // A service that returns ends the whole service group: without a DSN it
        // idles until shutdown instead.
        guard reporter.isEnabled else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown { await deliverUntilCancelled() }
    }

    /// The delivery loop; returns when its task is cancelled.
    func deliverUntilCancelled() async {
        var schedule = backoff
        var wakeups = reporter.wakeupStream.makeAsyncIterator()
        while !Task.isCancelled {
            guard let entry = reporter.queue.claimNext() else {
                guard await reporter.nextWakeup(&wakeups) else { return }
                continue
            }
            let delivered = await reporter.transport.deliver(entry.envelope)
            reporter.queue.finish(entry, delivered: delivered)
            if delivered {
                schedule.reset()
                continue
            }
            do {
                try await sleep(schedule.nextDelay())
            } catch {
                return
            }
        }
    }
}
