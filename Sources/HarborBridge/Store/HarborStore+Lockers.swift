import Foundation
import GRDB

extension HarborStore {
    /// Every locker that is not removed, ordered by id.
    public func lockers() async throws(StoreError) -> [LockerRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM lockers WHERE removed_at IS NULL ORDER BY id")
                .map(LockerRecord.init(row:))
        }
    }

    /// One locker that is not removed, else LOCKER_NOT_FOUND. Read from the
    /// database only when a write may have changed it since it was last read.
    public func locker(id: Int64) async throws(StoreError) -> LockerRecord {
        let generation = lockerViewGeneration
        if let cached = lockerRecords.record(id: id, generation: generation) { return cached }
        let record = try await read { db in try Self.fetchLocker(db, id: id) }
        lockerRecords.keep(record, generation: generation)
        return record
    }

    /// The lockers of one live controller, ordered by channel; CONTROLLER_NOT_FOUND for an unknown or retired one.
    public func lockers(controllerId: Int64) async throws(StoreError) -> [LockerRecord] {
        try await read { db in
            _ = try Self.fetchController(db, id: controllerId, includeRetired: false)
            return try Self.fetchLockers(db, controllerId: controllerId)
        }
    }

    /// Takes a locker out of service or puts it back; existing transactions are never touched.
    ///
    /// Reason fields that are given are stored. One that is not given is cleared when the locker
    /// goes back in service or newly out of service, and kept while it stays out of service
    /// (so a later call adding a reason does not wipe the code).
    public func setServiceState(
        lockerId: Int64, outOfService: Bool, reasonCode: String? = nil, reason: String? = nil
    ) async throws(StoreError) -> LockerRecord {
        let now = now()
        return try await write { db in
            var locker = try Self.fetchLocker(db, id: lockerId)
            let keepsUnsent = outOfService && locker.outOfService
            locker.reasonCode = reasonCode ?? (keepsUnsent ? locker.reasonCode : nil)
            locker.reason = reason ?? (keepsUnsent ? locker.reason : nil)
            locker.outOfService = outOfService
            locker.updatedAt = now
            try db.execute(sql: """
                UPDATE lockers SET out_of_service = ?, reason_code = ?, reason = ?, updated_at = ? WHERE id = ?
                """, arguments: [outOfService, locker.reasonCode, locker.reason, StoreTime.millis(now), lockerId])
            return locker
        }
    }

    /// Locker numbers by state; `unavailableLockerIds` are the lockers whose hardware is not operational.
    public func lockerCounts(unavailableLockerIds: Set<Int64> = []) async throws(StoreError) -> LockerCounts {
        let states = try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.id, l.out_of_service, t.locker_id IS NOT NULL AS occupied
                FROM lockers l LEFT JOIN transactions t ON t.locker_id = l.id AND t.status = 'active'
                WHERE l.removed_at IS NULL
                """).map { row in
                (id: try row.decode(Int64.self, atIndex: 0), outOfService: try row.decode(Bool.self, atIndex: 1),
                 occupied: try row.decode(Bool.self, atIndex: 2))
            }
        }
        var counts: LockerCounts = (total: states.count, available: 0, occupied: 0, outOfService: 0, nonOperational: 0)
        for state in states {
            let operational = !unavailableLockerIds.contains(state.id)
            if state.occupied { counts.occupied += 1 }
            if state.outOfService { counts.outOfService += 1 }
            if !operational { counts.nonOperational += 1 }
            if operational && !state.occupied && !state.outOfService { counts.available += 1 }
        }
        return counts
    }

    // MARK: - Shared steps, always inside a caller's transaction

    static func fetchLocker(_ db: Database, id: Int64) throws -> LockerRecord {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM lockers WHERE id = ? AND removed_at IS NULL", arguments: [id])
        else { throw StoreError.lockerNotFound(id) }
        return try LockerRecord(row: row)
    }

    static func fetchLockers(_ db: Database, controllerId: Int64) throws -> [LockerRecord] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM lockers WHERE controller_id = ? AND removed_at IS NULL ORDER BY channel
            """, arguments: [controllerId]).map(LockerRecord.init(row:))
    }
}
