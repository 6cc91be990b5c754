import Foundation
@testable import HarborBridge
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Every 5xx answer becomes exactly one Sentry event through the error middleware's
/// log line; client errors and Sentry's own failures do not.
@Suite struct ServerErrorReportingTests {
    @Test func everyServerErrorAnswerIsOneEventWithItsCodeAndLocker() async throws {
        let transport = ScriptedSentryTransport(accepting: true)
        let reporter = try makeReporter(directory: nil, transport: transport)
        let journal = LogJournal(level: .info)
        let logger = Logger(label: "http") {
            SentryLogTap(inner: GatewayLogHandler(category: $0, journal: journal, output: { _ in }),
                         category: $0, reporter: reporter)
        }
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: APIErrorMiddleware(routes: GatewayRoute.table))
        router.get("/store") { _, _ -> Response in
            throw APIError(.storeUnavailable, message: "The data store is unavailable.")
        }
        router.get("/locker") { _, _ -> Response in
            throw APIError(.hardwareTimeout, message: "Locker 7: no reply",
                           details: ["lockerId": .string("7"), "outcome": .string("unknown")])
        }
        router.get("/sentry") { _, _ -> Response in
            throw APIError(.sentryUnreachable, message: "Sentry did not accept the event.")
        }
        router.get("/conflict") { _, _ -> Response in
            throw APIError(.lockerOccupied, message: "Locker 3 holds a transaction")
        }
        try await Application(router: router, logger: logger).test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for path in ["/store", "/locker", "/sentry", "/conflict"] {
                statuses.append(try await client.execute(uri: path, method: .get).status)
            }
            #expect(statuses == [.serviceUnavailable, .gatewayTimeout, .serviceUnavailable, .conflict])
        }
        var events: [[String: Any]] = []
        while let entry = reporter.queue.claimNext() { events.append(try envelopeLines(entry.envelope)[2]) }
        let tags = events.map { $0["tags"] as? [String: String] ?? [:] }
        #expect(tags.map { $0["code"] } == ["STORE_UNAVAILABLE", "HARDWARE_TIMEOUT"])
        #expect(tags.last?["locker"] == "7")
        #expect(events.first?["level"] as? String == "error")
    }
}
