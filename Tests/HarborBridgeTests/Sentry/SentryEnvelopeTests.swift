import Foundation
@testable import HarborBridge
import Testing

@Suite struct SentryEnvelopeTests {
    private let context = SentryEventContext(version: "9.9.9", environment: "test", serverName: "cabinet-7")

    private func failedOpen() -> LogRecord {
        LogRecord(
            timestamp: Date(timeIntervalSince1970: 1_700_000_000), level: "warning", category: "audit",
            message: "locker open refused or failed",
            metadata: ["code": "HARDWARE_TIMEOUT", "controller": "3", "locker": "12", "caller": "api-key"])
    }

    @Test func eventCarriesTheFieldsSentryNeeds() throws {
        let earlier = LogRecord(timestamp: Date(timeIntervalSince1970: 1_699_999_999), level: "info",
                                category: "bus", message: "frame sent", metadata: ["controller": "3"])
        let event = context.event(for: failedOpen(), breadcrumbs: [earlier])
        #expect(event.eventId.count == 32)
        #expect(event.eventId.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(event.platform == "other")
        #expect(event.level == "warning")
        #expect(event.logger == "audit")
        #expect(event.release == "harbor-gateway@9.9.9")
        #expect(event.environment == "test")
        #expect(event.serverName == "cabinet-7")
        #expect(event.tags == ["code": "HARDWARE_TIMEOUT", "controller": "3", "locker": "12", "category": "audit"])
        #expect(event.exception?.values == [.init(type: "HARDWARE_TIMEOUT", value: "locker open refused or failed")])
        #expect(event.breadcrumbs.map(\.message) == ["frame sent"])
        #expect(event.breadcrumbs.first?.category == "bus")
    }

    @Test func envelopeIsAHeaderAnItemHeaderAndThePayload() throws {
        let event = context.event(for: failedOpen(), breadcrumbs: [])
        let dsn = try testDSN()
        let envelope = SentryEnvelope(event: event, dsn: dsn, sentAt: Date(timeIntervalSince1970: 1_700_000_001))
        let lines = try envelopeLines(envelope)
        #expect(lines.count == 3)
        #expect(lines[0]["event_id"] as? String == event.eventId)
        #expect(lines[0]["dsn"] as? String == "http://publickey@127.0.0.1:9/42")
        #expect(lines[0]["sent_at"] as? String == "2023-11-14T22:13:21.000Z")
        #expect(lines[1]["type"] as? String == "event")
        let parts = envelope.body.split(separator: 0x0A)
        #expect(lines[1]["length"] as? Int == parts[2].count)
        #expect(lines[2]["event_id"] as? String == event.eventId)
        #expect(lines[2]["platform"] as? String == "other")
        #expect(lines[2]["server_name"] as? String == "cabinet-7")
        #expect(lines[2]["release"] as? String == "harbor-gateway@9.9.9")
        #expect((lines[2]["tags"] as? [String: String])?["locker"] == "12")
    }

    @Test func levelsMapToSentryLevels() {
        #expect(SentryEvent.level(of: "critical") == "fatal")
        #expect(SentryEvent.level(of: "error") == "error")
        #expect(SentryEvent.level(of: "notice") == "info")
        #expect(SentryEvent.level(of: "trace") == "debug")
    }
}
