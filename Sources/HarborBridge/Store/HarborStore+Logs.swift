import Foundation
import GRDB

extension HarborStore {
    /// Appends one log record and returns it with its id; the oldest rows beyond `logRetention` go.
    @discardableResult
    public func appendLog(_ record: LogRecord) async throws(StoreError) -> LogRecord {
        let stored = try await appendLogs([record])
        return stored.first ?? record
    }

    /// Appends several log records in one transaction (one disk sync for the batch), oldest first.
    @discardableResult
    public func appendLogs(_ records: [LogRecord]) async throws(StoreError) -> [LogRecord] {
        let ranked = try records.map { record throws(StoreError) in (record, try LogRecord.rank(of: record.level)) }
        guard !ranked.isEmpty else { return [] }
        let retention = Int64(logRetention)
        return try await write(changesLockerView: false) { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO logs (timestamp, level, level_rank, category, message, metadata) VALUES (?, ?, ?, ?, ?, ?)
                """)
            let stored = try ranked.map { record, rank in
                var stored = record
                stored.timestamp = StoreTime.stored(record.timestamp)
                try statement.execute(arguments: [
                    StoreTime.millis(record.timestamp), record.level, rank, record.category, record.message,
                    StoreJSON.encode(record.metadata),
                ])
                stored.id = db.lastInsertedRowID
                return stored
            }
            // Ids only grow, so the rows to drop are one rowid range: a single B-tree seek, no scan.
            try db.execute(sql: "DELETE FROM logs WHERE id <= ?", arguments: [db.lastInsertedRowID - retention])
            return stored
        }
    }

    /// Log records, newest first, at or above `minimumLevel`, at or after `since`, of one category.
    public func logs(
        minimumLevel: String? = nil, since: Date? = nil, category: String? = nil, limit: Int = 100
    ) async throws(StoreError) -> [LogRecord] {
        guard limit >= 0 else { throw .invalidPagination }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let minimumLevel {
            conditions.append("level_rank >= ?")
            arguments += [try LogRecord.rank(of: minimumLevel)]
        }
        if let since {
            conditions.append("timestamp >= ?")
            arguments += [StoreTime.millis(since)]
        }
        if let category {
            conditions.append("category = ?")
            arguments += [category]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let filterArguments = arguments + [limit]
        return try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM logs \(filter) ORDER BY id DESC LIMIT ?",
                             arguments: filterArguments).map(LogRecord.init(row:))
        }
    }
}
