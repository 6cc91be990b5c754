import Foundation
import GRDB

extension HarborStore {
    /// Assigns a locker: the one asked for, or the lowest-id free one, in one write transaction.
    ///
    /// A chosen locker must be in service, not in `unavailableLockerIds` (hardware not operational)
    /// and free. Without `lockerId`, the lowest-id such locker is taken, else NO_LOCKER_AVAILABLE.
    public func createTransaction(
        lockerId: Int64? = nil, reference: String? = nil, unavailableLockerIds: Set<Int64> = []
    ) async throws(StoreError) -> TransactionRecord {
        let now = now()
        let id = UUID().uuidString.lowercased()
        return try await write { db in
            let chosen: Int64
            if let lockerId {
                let locker = try Self.fetchLocker(db, id: lockerId)
                let busy = try Self.fetchActiveTransaction(db, lockerId: lockerId) != nil
                guard !locker.outOfService, !unavailableLockerIds.contains(lockerId), !busy else {
                    throw StoreError.lockerNotAvailable(lockerId)
                }
                chosen = lockerId
            } else {
                // The NOT EXISTS probe is answered by the partial unique index of active transactions.
                let candidates = try Int64.fetchCursor(db, sql: """
                    SELECT l.id FROM lockers l
                    WHERE l.removed_at IS NULL AND l.out_of_service = 0 AND NOT EXISTS (
                        SELECT 1 FROM transactions t WHERE t.locker_id = l.id AND t.status = 'active')
                    ORDER BY l.id
                    """)
                var free: Int64?
                while free == nil, let candidate = try candidates.next() {
                    if !unavailableLockerIds.contains(candidate) { free = candidate }
                }
                guard let free else { throw StoreError.noLockerAvailable }
                chosen = free
            }
            return try Self.insertActiveTransaction(db, id: id, lockerId: chosen, reference: reference, now: now)
        }
    }

    /// One transaction by id (case-insensitive), else TRANSACTION_NOT_FOUND.
    public func transaction(id: String) async throws(StoreError) -> TransactionRecord {
        try await read { db in try Self.fetchTransaction(db, id: id) }
    }

    /// A page of transactions, newest first, filtered by status and locker, with the total that match.
    public func transactions(
        status: String? = nil, lockerId: Int64? = nil, limit: Int = 50, offset: Int = 0
    ) async throws(StoreError) -> (items: [TransactionRecord], total: Int) {
        guard limit >= 0, offset >= 0 else { throw .invalidPagination }
        if let status, status != TransactionRecord.active, status != TransactionRecord.released {
            throw .invalidRecord("unknown transaction status \(status)")
        }
        let query = Self.transactionPageQuery(status: status, lockerId: lockerId)
        return try await read { db in
            let total = try Int.fetchOne(db, sql: query.countSQL, arguments: query.arguments) ?? 0
            let items = try Row.fetchAll(db, sql: query.pageSQL, arguments: query.arguments + [limit, offset])
                .map(TransactionRecord.init(row:))
            return (items, total)
        }
    }

    /// Releases an active transaction, freeing its locker; TRANSACTION_ALREADY_RELEASED the second time.
    public func releaseTransaction(id: String) async throws(StoreError) -> TransactionRecord {
        let now = now()
        let id = id.lowercased()
        return try await write { db in
            // Conditional on status, so two racing releases cannot both succeed.
            try db.execute(sql: """
                UPDATE transactions SET status = 'released', released_at = ? WHERE id = ? AND status = 'active'
                """, arguments: [StoreTime.millis(now), id])
            let released = db.changesCount > 0
            let record = try Self.fetchTransaction(db, id: id)
            guard released else { throw StoreError.transactionAlreadyReleased(id) }
            return record
        }
    }

    /// The active transaction holding a locker, if any.
    public func activeTransaction(lockerId: Int64) async throws(StoreError) -> TransactionRecord? {
        try await read { db in try Self.fetchActiveTransaction(db, lockerId: lockerId) }
    }

    /// Active transaction id by locker id, for listing every locker in one query.
    public func activeTransactionsByLocker() async throws(StoreError) -> [Int64: String] {
        try await read { db in
            var result: [Int64: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT locker_id, id FROM transactions WHERE status = 'active'")
            while let row = try rows.next() {
                result[try row.decode(atIndex: 0)] = try row.decode(atIndex: 1)
            }
            return result
        }
    }

    // MARK: - Shared steps, always inside a caller's transaction

    /// The count and page statements of a transaction listing; the page takes LIMIT and OFFSET last.
    ///
    /// Every filter combination is served by an index whose order is the listing's order
    /// (created_at, then seq, the rowid every index carries), so no sort and no full scan happen.
    static func transactionPageQuery(
        status: String?, lockerId: Int64?
    ) -> (countSQL: String, pageSQL: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let status {
            conditions.append("status = ?")
            arguments += [status]
        }
        if let lockerId {
            conditions.append("locker_id = ?")
            arguments += [lockerId]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (
            "SELECT COUNT(*) FROM transactions \(filter)",
            // seq breaks ties between transactions created in the same millisecond.
            "SELECT * FROM transactions \(filter) ORDER BY created_at DESC, seq DESC LIMIT ? OFFSET ?",
            arguments
        )
    }

    /// Inserts an active transaction; the partial unique index turns a lost race into LOCKER_NOT_AVAILABLE.
    static func insertActiveTransaction(
        _ db: Database, id: String, lockerId: Int64, reference: String?, now: Date
    ) throws -> TransactionRecord {
        do {
            try db.execute(sql: """
                INSERT INTO transactions (id, locker_id, status, reference, created_at) VALUES (?, ?, 'active', ?, ?)
                """, arguments: [id, lockerId, reference, StoreTime.millis(now)])
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw StoreError.lockerNotAvailable(lockerId)
        }
        return TransactionRecord(id: id, lockerId: lockerId, status: TransactionRecord.active,
                                 reference: reference, createdAt: now)
    }

    static func fetchTransaction(_ db: Database, id: String) throws -> TransactionRecord {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM transactions WHERE id = ?", arguments: [id.lowercased()])
        else { throw StoreError.transactionNotFound(id) }
        return try TransactionRecord(row: row)
    }

    static func fetchActiveTransaction(_ db: Database, lockerId: Int64) throws -> TransactionRecord? {
        try Row.fetchOne(db, sql: """
            SELECT * FROM transactions WHERE locker_id = ? AND status = 'active'
            """, arguments: [lockerId]).map(TransactionRecord.init(row:))
    }
}
