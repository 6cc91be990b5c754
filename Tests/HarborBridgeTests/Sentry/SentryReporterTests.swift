import Foundation
@testable import HarborBridge
import Logging
import Testing

@Suite struct SentryReporterTests {
    private func line(_ level: String, _ message: String, _ metadata: [String: String]? = nil) -> LogRecord {
        LogRecord(timestamp: Date(), level: level, category: "audit", message: message, metadata: metadata)
    }

    @Test func withoutADSNNothingIsCaptured() async {
        let reporter = SentryReporter(
            dsn: nil, context: SentryEventContext(environment: "test"), queue: SentryQueue(directory: nil))
        #expect(reporter.capture(message: "fault") == nil)
        reporter.observe(line("critical", "store lost"))
        #expect(reporter.queue.count == 0)
        #expect(await reporter.sendTest(by: "admin") == .notConfigured)
    }

    @Test func errorLinesBecomeEventsWithEarlierLinesAsBreadcrumbs() async throws {
        let transport = ScriptedSentryTransport(accepting: true)
        let reporter = try makeReporter(directory: nil, transport: transport)
        reporter.observe(line("info", "locker 4 opened"))
        reporter.observe(line("warning", "login refused"))
        // A failed open's audit line is a warning: its 5xx answer is the event
        // (logged by the error middleware), so one failure is one event.
        reporter.observe(line("warning", "locker open refused or failed", ["code": "HARDWARE_TIMEOUT"]))
        #expect(reporter.queue.count == 0)
        reporter.observe(line("error", "answered 504 HARDWARE_TIMEOUT: Locker 9: no reply",
                              ["code": "HARDWARE_TIMEOUT", "controller": "2", "locker": "9"]))
        reporter.observe(line("error", "controller 3 offline", ["code": "CONTROLLER_UNREACHABLE"]))
        reporter.observe(line("critical", "store write failed"))
        reporter.observe(LogRecord(timestamp: Date(), level: "error", category: "sentry", message: "own line"))
        #expect(reporter.queue.count == 3)
        let first = try #require(reporter.queue.claimNext())
        let payload = try envelopeLines(first.envelope)[2]
        #expect((payload["tags"] as? [String: String])?["controller"] == "2")
        let crumbs = (payload["breadcrumbs"] as? [[String: Any]])?.compactMap { $0["message"] as? String }
        #expect(crumbs == ["locker 4 opened", "login refused", "locker open refused or failed"])
    }

    @Test func breadcrumbsKeepOnlyTheRecentLines() async throws {
        let transport = ScriptedSentryTransport(accepting: true)
        let reporter = try makeReporter(directory: nil, transport: transport)
        for index in 0..<40 { reporter.observe(line("info", "line \(index)")) }
        reporter.observe(line("error", "fault"))
        let payload = try envelopeLines(try #require(reporter.queue.claimNext()).envelope)[2]
        let crumbs = (payload["breadcrumbs"] as? [[String: Any]])?.compactMap { $0["message"] as? String }
        #expect(crumbs == (10..<40).map { "line \($0)" })
    }

    @Test func theTestEventIsDeliveredAtOnceOrStaysQueued() async throws {
        let transport = ScriptedSentryTransport(accepting: false)
        let reporter = try makeReporter(directory: nil, transport: transport)
        guard case let .unreachable(eventId) = await reporter.sendTest(by: "admin") else {
            Issue.record("an offline receiver must report unreachable")
            return
        }
        #expect(reporter.queue.count == 1)
        transport.accepting = true
        guard case let .delivered(second) = await reporter.sendTest(by: "admin") else {
            Issue.record("an online receiver must accept the test")
            return
        }
        #expect(transport.accepted.map(\.eventId) == [second])
        #expect(reporter.queue.claimNext()?.envelope.eventId == eventId)
    }

    @Test func theLogTapFeedsLoggedErrorsToTheReporter() async throws {
        let transport = ScriptedSentryTransport(accepting: true)
        let reporter = try makeReporter(directory: nil, transport: transport)
        let journal = LogJournal(level: .info)
        let logger = Logger(label: "hardware") {
            SentryLogTap(inner: GatewayLogHandler(category: $0, journal: journal, output: { _ in }),
                         category: $0, reporter: reporter)
        }
        logger.debug("below the level")
        logger.info("polling")
        logger.error("controller 5 offline", metadata: ["controller": "5", "code": "CONTROLLER_UNREACHABLE"])
        #expect(journal.drain().count == 2)
        let payload = try envelopeLines(try #require(reporter.queue.claimNext()).envelope)[2]
        #expect(payload["logger"] as? String == "hardware")
        #expect((payload["tags"] as? [String: String])?["controller"] == "5")
        let crumbs = (payload["breadcrumbs"] as? [[String: Any]])?.compactMap { $0["message"] as? String }
        #expect(crumbs == ["polling"])
    }
}
