import Foundation
import GRDB

/// Timestamps as stored: whole milliseconds since the Unix epoch, UTC.
enum StoreTime {
    /// Beyond ±285,000 years from 1970; clamping keeps an absurd caller-given date from trapping the conversion.
    private static let bound = 9.0e15

    static func millis(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard !value.isNaN else { return 0 }
        return Int64(Swift.min(Swift.max(value, -bound), bound))
    }

    static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// The instant as the store will give it back, so a returned record equals a re-read one.
    static func stored(_ date: Date) -> Date {
        self.date(millis(date))
    }
}

/// String lists and maps live in TEXT columns as JSON.
enum StoreJSON {
    static func encode<Value: Encodable>(_ value: Value?) -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension Row {
    fileprivate func time(_ column: String) throws -> Date {
        StoreTime.date(try decode(Int64.self, forColumn: column))
    }

    fileprivate func optionalTime(_ column: String) throws -> Date? {
        try decode(Int64?.self, forColumn: column).map(StoreTime.date)
    }
}

// Throwing decoders: a damaged row becomes a StoreError, never a crash.
extension ControllerRecord {
    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            name: try row.decode(forColumn: "name"),
            kind: try row.decode(forColumn: "kind"),
            boardProtocol: try row.decode(forColumn: "board_protocol"),
            device: try row.decode(forColumn: "device"),
            baudRate: try row.decode(forColumn: "baud_rate"),
            host: try row.decode(forColumn: "host"),
            port: try row.decode(forColumn: "port"),
            address: try row.decode(forColumn: "address"),
            chip: try row.decode(forColumn: "chip"),
            lines: StoreJSON.decode([String].self, try row.decode(forColumn: "lines")),
            doorLines: StoreJSON.decode([String].self, try row.decode(forColumn: "door_lines")),
            activeLow: try row.decode(forColumn: "active_low"),
            pulseMs: try row.decode(forColumn: "pulse_ms"),
            feedbackPolarity: try row.decode(forColumn: "feedback_polarity"),
            serial: try row.decode(forColumn: "serial"),
            createdAt: try row.time("created_at"),
            retiredAt: try row.optionalTime("retired_at"),
            replacedById: try row.decode(forColumn: "replaced_by_id")
        )
    }
}

extension LockerRecord {
    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            controllerId: try row.decode(forColumn: "controller_id"),
            channel: try row.decode(forColumn: "channel"),
            outOfService: try row.decode(forColumn: "out_of_service"),
            reasonCode: try row.decode(forColumn: "reason_code"),
            reason: try row.decode(forColumn: "reason"),
            updatedAt: try row.time("updated_at"),
            removedAt: try row.optionalTime("removed_at")
        )
    }
}

extension TransactionRecord {
    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            lockerId: try row.decode(forColumn: "locker_id"),
            status: try row.decode(forColumn: "status"),
            reference: try row.decode(forColumn: "reference"),
            createdAt: try row.time("created_at"),
            releasedAt: try row.optionalTime("released_at")
        )
    }
}

extension LogRecord {
    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            timestamp: try row.time("timestamp"),
            level: try row.decode(forColumn: "level"),
            category: try row.decode(forColumn: "category"),
            message: try row.decode(forColumn: "message"),
            metadata: StoreJSON.decode([String: String].self, try row.decode(forColumn: "metadata"))
        )
    }
}
