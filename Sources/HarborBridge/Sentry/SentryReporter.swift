import Foundation
import Synchronization

/// What `POST /diagnostics/sentry-test` learned.
public enum SentryTestOutcome: Sendable, Equatable {
    /// No DSN is configured.
    case notConfigured
    /// The receiver accepted the event.
    case delivered(eventId: String)
    /// The receiver could not be reached in time; the event stays queued.
    case unreachable(eventId: String)
}

/// Turns gateway errors into Sentry events. Capturing only builds an envelope and
/// queues it (memory and disk), so it never blocks or throws into a locker
/// operation; `SentrySender` delivers the queue in the background.
///
/// Errors reach it through the log: every line the gateway logs is fed to
/// `observe(_:)` (see `SentryLogTap`). Lines at error or critical become events:
/// every 5xx answer (the error middleware logs each one), controllers going
/// offline, locks that failed during open-all, unexpected errors. The recent lines
/// become their breadcrumbs. This keeps the domain and HTTP layers free of any
/// Sentry call.
public final class SentryReporter: Sendable {
    /// The receiver, nil when Sentry is off.
    public let dsn: SentryDSN?
    /// Release, environment and host of every event.
    public let context: SentryEventContext
    /// Envelopes waiting for delivery.
    public let queue: SentryQueue
    let transport: any SentryTransport
    private let breadcrumbLimit: Int
    private let recent = Mutex<[LogRecord]>([])
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// A reporter sending to `dsn` (nil: disabled) through `transport`, queueing in `queue`.
    public init(
        dsn: SentryDSN?, context: SentryEventContext, queue: SentryQueue,
        transport: (any SentryTransport)? = nil, breadcrumbLimit: Int = 30
    ) {
        self.dsn = dsn
        self.context = context
        self.queue = queue
        self.transport = transport ?? dsn.map { HTTPSentryTransport(dsn: $0, clientVersion: context.clientVersion) }
            ?? UnreachableSentryTransport()
        self.breadcrumbLimit = breadcrumbLimit
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The reporter the configuration asks for, queueing under `<dataDirectory>/sentry-queue/`.
    public static func configured(by configuration: BridgeConfiguration) -> SentryReporter {
        let dsn = configuration.sentryDsn.flatMap { text in try? SentryDSN(parsing: text) }
        let directory = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("sentry-queue")
        return SentryReporter(
            dsn: dsn, context: SentryEventContext(environment: configuration.sentryEnvironment),
            queue: SentryQueue(directory: dsn == nil ? nil : directory))
    }

    /// Whether events are captured at all.
    public var isEnabled: Bool { dsn != nil }

    /// Feeds one log line: it becomes a breadcrumb, and an event when it reports an error.
    public func observe(_ record: LogRecord) {
        guard isEnabled, record.category != "sentry" else { return }
        let earlier = recent.withLock { lines in
            let earlier = lines
            lines.append(record)
            if lines.count > breadcrumbLimit { lines.removeFirst(lines.count - breadcrumbLimit) }
            return earlier
        }
        guard Self.isReportable(record) else { return }
        capture(context.event(for: record, breadcrumbs: earlier))
    }

    /// Whether a log line is an error worth an event.
    public static func isReportable(_ record: LogRecord) -> Bool {
        record.level == "error" || record.level == "critical"
    }

    /// Queues an event built from a message; its id, or nil when Sentry is off.
    @discardableResult
    public func capture(
        message: String, level: String = "error", category: String = "gateway", metadata: [String: String] = [:]
    ) -> String? {
        guard isEnabled else { return nil }
        let record = LogRecord(timestamp: Date(), level: level, category: category, message: message, metadata: metadata)
        return capture(context.event(for: record, breadcrumbs: recent.withLock { $0 }))
    }

    /// Queues `event`; its id, or nil when Sentry is off. Never blocks on the network.
    @discardableResult
    public func capture(_ event: SentryEvent) -> String? {
        guard let dsn else { return nil }
        queue.enqueue(SentryEnvelope(event: event, dsn: dsn))
        wake.yield()
        return event.eventId
    }

    /// Sends the queued event `eventId` now (the transport bounds the wait); true when
    /// accepted, false too when the background sender is sending it at this moment.
    public func deliverNow(eventId: String) async -> Bool {
        guard let entry = queue.claim(eventId: eventId) else { return false }
        return await deliver(entry)
    }

    private func deliver(_ entry: SentryQueue.Entry) async -> Bool {
        let delivered = await transport.deliver(entry.envelope)
        queue.finish(entry, delivered: delivered)
        if !delivered { wake.yield() }
        return delivered
    }

    /// Captures a test event and tries to deliver it at once; queued and claimed in
    /// one step so the background sender does not take it first.
    public func sendTest(by user: String) async -> SentryTestOutcome {
        guard let dsn else { return .notConfigured }
        let record = LogRecord(
            timestamp: Date(), level: "info", category: "diagnostics",
            message: "Sentry test event requested by \(user)", metadata: ["code": "SENTRY_TEST"])
        let event = context.event(for: record, breadcrumbs: recent.withLock { $0 })
        let entry = queue.enqueue(SentryEnvelope(event: event, dsn: dsn), claimed: true)
        return await deliver(entry) ? .delivered(eventId: event.eventId) : .unreachable(eventId: event.eventId)
    }

    /// Waits until something may be waiting to be sent; false once cancelled.
    func nextWakeup(_ iterator: inout AsyncStream<Void>.Iterator) async -> Bool {
        await iterator.next() != nil
    }

    /// The stream `SentrySender` waits on.
    var wakeupStream: AsyncStream<Void> { wakeups }
}

/// The transport of a reporter without a DSN: nothing is ever delivered.
struct UnreachableSentryTransport: SentryTransport {
    func deliver(_ envelope: SentryEnvelope) async -> Bool { false }
}
