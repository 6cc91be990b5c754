import Foundation
import GRDB

extension HarborStore {
    /// Adds a controller with lockers on channels `1...lockerCount`, both in one transaction.
    public func insertController(
        _ record: ControllerRecord, lockerCount: Int
    ) async throws(StoreError) -> (ControllerRecord, [LockerRecord]) {
        let record = try record.validated()
        try Self.checkLockerCount(lockerCount)
        let now = now()
        return try await write { db in
            let controller = try Self.insertControllerRow(db, record, now: now)
            let channels = (0..<lockerCount).map { $0 + 1 }
            let lockers = try Self.insertLockers(db, controllerId: controller.id, channels: channels, now: now)
            return (controller, lockers)
        }
    }

    /// Several controllers with their lockers in one transaction: all of them or,
    /// on any failure (or a power cut half way), none.
    public func insertControllers(
        _ items: [(record: ControllerRecord, lockerCount: Int)]
    ) async throws(StoreError) -> [(ControllerRecord, [LockerRecord])] {
        var checked: [(ControllerRecord, Int)] = []
        for item in items {
            checked.append((try item.record.validated(), item.lockerCount))
            try Self.checkLockerCount(item.lockerCount)
        }
        let now = now()
        let rows = checked
        return try await write { db in
            try rows.map { record, lockerCount in
                let controller = try Self.insertControllerRow(db, record, now: now)
                let lockers = try Self.insertLockers(
                    db, controllerId: controller.id, channels: (0..<lockerCount).map { $0 + 1 }, now: now)
                return (controller, lockers)
            }
        }
    }

    /// Live controllers (and retired ones when asked), ordered by id.
    public func controllers(includeRetired: Bool = false) async throws(StoreError) -> [ControllerRecord] {
        try await read { db in
            let filter = includeRetired ? "" : "WHERE retired_at IS NULL"
            return try Row.fetchAll(db, sql: "SELECT * FROM controllers \(filter) ORDER BY id")
                .map(ControllerRecord.init(row:))
        }
    }

    /// One controller; a retired one only when `includeRetired`, else CONTROLLER_NOT_FOUND.
    public func controller(id: Int64, includeRetired: Bool = false) async throws(StoreError) -> ControllerRecord {
        try await read { db in try Self.fetchController(db, id: id, includeRetired: includeRetired) }
    }

    /// Replaces the settings of a live controller; id, createdAt, retiredAt and replacedById are the store's.
    public func updateController(_ record: ControllerRecord) async throws(StoreError) -> ControllerRecord {
        let record = try record.validated()
        return try await write { db in
            do {
                try db.execute(sql: """
                    UPDATE controllers SET name = ?, kind = ?, board_protocol = ?, device = ?, baud_rate = ?,
                        host = ?, port = ?, address = ?, chip = ?, lines = ?, door_lines = ?, active_low = ?,
                        pulse_ms = ?, feedback_polarity = ?, serial = ?
                    WHERE id = ? AND retired_at IS NULL
                    """, arguments: Self.settingArguments(record) + [record.id])
            } catch let error as DatabaseError where error.isUniqueViolation {
                throw StoreError.serialTaken(record.serial ?? "")
            }
            guard db.changesCount > 0 else { throw StoreError.controllerNotFound(record.id) }
            return try Self.fetchController(db, id: record.id, includeRetired: false)
        }
    }

    /// Removes a controller: its lockers are marked removed and it is retired, so released transactions stay readable.
    ///
    /// Refused with CONTROLLER_IN_USE while any of its lockers holds an active transaction.
    /// Returns the ids of the removed lockers.
    @discardableResult
    public func deleteController(id: Int64) async throws(StoreError) -> [Int64] {
        let now = StoreTime.millis(now())
        return try await write { db in
            _ = try Self.fetchController(db, id: id, includeRetired: false)
            let busy = try Int64.fetchOne(db, sql: """
                SELECT l.id FROM lockers l JOIN transactions t ON t.locker_id = l.id AND t.status = 'active'
                WHERE l.controller_id = ? AND l.removed_at IS NULL LIMIT 1
                """, arguments: [id])
            guard busy == nil else { throw StoreError.controllerInUse(id) }
            let removed = try Int64.fetchAll(db, sql: """
                SELECT id FROM lockers WHERE controller_id = ? AND removed_at IS NULL ORDER BY id
                """, arguments: [id])
            try db.execute(sql: """
                UPDATE lockers SET removed_at = ?, updated_at = ? WHERE controller_id = ? AND removed_at IS NULL
                """, arguments: [now, now, id])
            try db.execute(sql: "UPDATE controllers SET retired_at = ? WHERE id = ?", arguments: [now, id])
            return removed
        }
    }

    /// Swaps a failed controller for a new one that takes over the same locker rows (same ids and channels).
    ///
    /// Transactions are untouched, so a customer's locker keeps its transaction across the swap.
    /// The old controller is retired with `replacedById` pointing at the new one.
    public func replaceController(
        id: Int64, with replacement: ControllerRecord
    ) async throws(StoreError) -> (ControllerRecord, [LockerRecord]) {
        let replacement = try replacement.validated()
        let now = now()
        let nowMillis = StoreTime.millis(now)
        return try await write { db in
            _ = try Self.fetchController(db, id: id, includeRetired: false)
            // Retire first: the new board may carry the same serial, which must be unique among live controllers.
            try db.execute(sql: "UPDATE controllers SET retired_at = ? WHERE id = ?", arguments: [nowMillis, id])
            let controller = try Self.insertControllerRow(db, replacement, now: now)
            try db.execute(sql: "UPDATE controllers SET replaced_by_id = ? WHERE id = ?", arguments: [controller.id, id])
            try db.execute(sql: """
                UPDATE lockers SET controller_id = ?, updated_at = ? WHERE controller_id = ? AND removed_at IS NULL
                """, arguments: [controller.id, nowMillis, id])
            return (controller, try Self.fetchLockers(db, controllerId: controller.id))
        }
    }

    /// Sets how many lockers a controller has: new channels get NEW locker ids, lowering removes the highest channels.
    ///
    /// Refused with LOCKER_OCCUPIED (and nothing changes) when a locker to remove holds an active transaction.
    public func adjustLockerCount(
        controllerId: Int64, to count: Int
    ) async throws(StoreError) -> (added: [LockerRecord], removed: [Int64]) {
        try Self.checkLockerCount(count)
        let now = now()
        return try await write { db in
            _ = try Self.fetchController(db, id: controllerId, includeRetired: false)
            let current = try Self.fetchLockers(db, controllerId: controllerId)
            if count >= current.count {
                let next = (current.last?.channel ?? 0) + 1
                let channels = Array(next..<(next + count - current.count))
                return (try Self.insertLockers(db, controllerId: controllerId, channels: channels, now: now), [])
            }
            let doomed = current.suffix(current.count - count).map(\.id)
            let occupied = try Int64.fetchOne(db, sql: """
                SELECT locker_id FROM transactions WHERE status = 'active' AND locker_id IN (\(
                    doomed.map { _ in "?" }.joined(separator: ", "))) ORDER BY locker_id LIMIT 1
                """, arguments: StatementArguments(doomed))
            if let occupied { throw StoreError.lockerOccupied(occupied) }
            let millis = StoreTime.millis(now)
            let statement = try db.cachedStatement(sql: "UPDATE lockers SET removed_at = ?, updated_at = ? WHERE id = ?")
            for lockerId in doomed {
                try statement.execute(arguments: [millis, millis, lockerId])
            }
            return ([], doomed)
        }
    }

    // MARK: - Shared steps, always inside a caller's transaction

    static func checkLockerCount(_ count: Int) throws(StoreError) {
        guard (0...maximumLockersPerController).contains(count) else { throw .invalidLockerCount(count) }
    }

    static func fetchController(_ db: Database, id: Int64, includeRetired: Bool) throws -> ControllerRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM controllers WHERE id = ?", arguments: [id]) else {
            throw StoreError.controllerNotFound(id)
        }
        let controller = try ControllerRecord(row: row)
        guard includeRetired || controller.retiredAt == nil else { throw StoreError.controllerNotFound(id) }
        return controller
    }

    static func settingArguments(_ record: ControllerRecord) -> StatementArguments {
        [
            record.name, record.kind, record.boardProtocol, record.device, record.baudRate,
            record.host, record.port, record.address, record.chip,
            StoreJSON.encode(record.lines), StoreJSON.encode(record.doorLines), record.activeLow,
            record.pulseMs, record.feedbackPolarity, record.serial,
        ]
    }

    static func insertControllerRow(_ db: Database, _ record: ControllerRecord, now: Date) throws -> ControllerRecord {
        do {
            try db.execute(sql: """
                INSERT INTO controllers (name, kind, board_protocol, device, baud_rate, host, port, address, chip,
                    lines, door_lines, active_low, pulse_ms, feedback_polarity, serial, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: settingArguments(record) + [StoreTime.millis(now)])
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw StoreError.serialTaken(record.serial ?? "")
        }
        var stored = record
        stored.id = db.lastInsertedRowID
        stored.createdAt = now
        stored.retiredAt = nil
        stored.replacedById = nil
        return stored
    }

    static func insertLockers(
        _ db: Database, controllerId: Int64, channels: [Int], now: Date
    ) throws -> [LockerRecord] {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO lockers (controller_id, channel, out_of_service, updated_at) VALUES (?, ?, 0, ?)
            """)
        let millis = StoreTime.millis(now)
        return try channels.map { channel in
            do {
                try statement.execute(arguments: [controllerId, channel, millis])
            } catch let error as DatabaseError where error.isUniqueViolation {
                throw StoreError.channelTaken(controllerId: controllerId, channel: channel)
            }
            return LockerRecord(id: db.lastInsertedRowID, controllerId: controllerId, channel: channel, updatedAt: now)
        }
    }
}
