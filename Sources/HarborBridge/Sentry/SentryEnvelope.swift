import Foundation

/// One event framed as a Sentry envelope: a header line, an item header line
/// with the payload's byte length, and the payload.
public struct SentryEnvelope: Sendable, Equatable {
    /// The event's id, also the envelope's.
    public let eventId: String
    /// The bytes to POST.
    public let body: Data

    /// Frames `event` for `dsn`, stamped `sentAt`.
    public init(event: SentryEvent, dsn: SentryDSN, sentAt: Date = Date()) {
        let payload = event.payload()
        let header: [String: String] = [
            "event_id": event.eventId, "sent_at": Self.timestamp(sentAt), "dsn": dsn.description,
        ]
        let itemHeader = "{\"type\":\"event\",\"length\":\(payload.count)}"
        var body = Self.json(header)
        body.append(0x0A)
        body.append(Data(itemHeader.utf8))
        body.append(0x0A)
        body.append(payload)
        body.append(0x0A)
        self.eventId = event.eventId
        self.body = body
    }

    /// An envelope read back from the disk queue.
    public init(eventId: String, body: Data) {
        self.eventId = eventId
        self.body = body
    }

    /// RFC 3339 with milliseconds, the form Sentry reads in `sent_at`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private static func json(_ fields: [String: String]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(fields)) ?? Data("{}".utf8)
    }
}
