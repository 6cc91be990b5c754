import Foundation
import GRDB

extension HarborStore {
    /// Lockers per simulated controller created by `seedForBenchmark`.
    public static let benchmarkLockersPerController = 50

    /// Fills the store, in one transaction, with `lockers` lockers on simulated controllers and
    /// `transactions` transactions dealt round-robin over them, one second apart. In the last round
    /// every third locker keeps its transaction active; all others are released. Appends to what is there.
    public func seedForBenchmark(lockers: Int, transactions: Int) async throws(StoreError) {
        guard lockers >= 0, transactions >= 0 else { throw .invalidRecord("seed sizes must not be negative") }
        guard transactions == 0 || lockers > 0 else { throw .noLockerAvailable }
        let start = StoreTime.millis(now())
        try await write { db in
            var lockerIds: [Int64] = []
            lockerIds.reserveCapacity(lockers)
            var remaining = lockers
            while remaining > 0 {
                let count = min(remaining, Self.benchmarkLockersPerController)
                let controller = ControllerRecord(
                    name: "Bench \(lockerIds.count / Self.benchmarkLockersPerController + 1)",
                    kind: "simulated", boardProtocol: "simulated")
                let created = try Self.insertControllerRow(db, controller, now: StoreTime.date(start))
                let channels = (0..<count).map { $0 + 1 }
                lockerIds += try Self.insertLockers(
                    db, controllerId: created.id, channels: channels, now: StoreTime.date(start)).map(\.id)
                remaining -= count
            }
            try Self.seedTransactions(db, lockerIds: lockerIds, count: transactions, start: start)
        }
    }

    private static func seedTransactions(_ db: Database, lockerIds: [Int64], count: Int, start: Int64) throws {
        guard count > 0 else { return }
        let busyLockers = try Set(Int64.fetchAll(db, sql: "SELECT locker_id FROM transactions WHERE status = 'active'"))
        let statement = try db.makeStatement(sql: """
            INSERT INTO transactions (id, locker_id, status, reference, created_at, released_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        // The last round over the lockers leaves every third one occupied; earlier rounds are history.
        let lastRoundStart = max(0, count - lockerIds.count)
        for index in 0..<count {
            let lockerIndex = index % lockerIds.count
            let lockerId = lockerIds[lockerIndex]
            let createdAt = start - Int64(count - index) * 1000
            let active = index >= lastRoundStart && lockerIndex % 3 == 0 && !busyLockers.contains(lockerId)
            try statement.execute(arguments: [
                UUID().uuidString.lowercased(), lockerId, active ? "active" : "released", "bench-\(index)",
                createdAt, active ? nil : createdAt + 500,
            ])
        }
    }
}
