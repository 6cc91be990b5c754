import Foundation
import GRDB

/// One stored transaction as the crash test compares it.
struct StoredTransaction: Sendable, Equatable {
    var id: String
    var lockerId: Int64
    var status: String
    var reference: String?
}

/// One locker's service fields and holder as the crash test compares them.
struct StoredLocker: Sendable, Equatable {
    var outOfService: Bool
    var reasonCode: String?
    var reason: String?
    var transactionId: String?
}

/// The cabinet's persistent state, read from the database file of a dead bridge or
/// through the API of a live one; the two must agree.
struct CabinetSnapshot: Sendable, Equatable {
    var transactions: [String: StoredTransaction] = [:]
    var lockers: [Int64: StoredLocker] = [:]
    /// Lockers that more than one active transaction holds (must stay empty).
    var lockersHeldTwice: [Int64: [String]] = [:]

    /// Where `other` differs from this snapshot, a line each (at most `limit`).
    func differences(from other: CabinetSnapshot, limit: Int = 10) -> [String] {
        var lines: [String] = []
        for id in Set(transactions.keys).union(other.transactions.keys).sorted()
        where transactions[id] != other.transactions[id] {
            lines.append("transaction \(id): \(String(describing: transactions[id])) vs \(String(describing: other.transactions[id]))")
        }
        for id in Set(lockers.keys).union(other.lockers.keys).sorted() where lockers[id] != other.lockers[id] {
            lines.append("locker \(id): \(String(describing: lockers[id])) vs \(String(describing: other.lockers[id]))")
        }
        if lockersHeldTwice != other.lockersHeldTwice {
            lines.append("held twice: \(lockersHeldTwice) vs \(other.lockersHeldTwice)")
        }
        return Array(lines.prefix(limit))
    }

    /// Adds a transaction; an active one becomes its locker's holder.
    mutating func add(_ transaction: StoredTransaction) {
        transactions[transaction.id] = transaction
        guard transaction.status == "active" else { return }
        let holders = transactions.values
            .filter { $0.lockerId == transaction.lockerId && $0.status == "active" }.map(\.id).sorted()
        if holders.count > 1 { lockersHeldTwice[transaction.lockerId] = holders }
    }
}

/// What the database file says right after a kill, read before any restart.
struct DatabaseFileReport: Sendable {
    var integrity: [String]
    var foreignKeyProblems: Int
    var snapshot: CabinetSnapshot
    /// Active transactions per locker counted by SQL on the table itself.
    var lockersWithTwoActiveRows: [Int64]
}

extension DatabaseFileReport {
    /// Opens the file read-only with its WAL (as SQLite would on the next start) and
    /// checks it. Blocks: call it through `offThePool`.
    static func read(_ url: URL) throws -> DatabaseFileReport {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "CrashSafetyCheck"
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreignKeyProblems = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            let twice = try Int64.fetchAll(db, sql: """
                SELECT locker_id FROM transactions WHERE status = 'active'
                GROUP BY locker_id HAVING COUNT(*) > 1 ORDER BY locker_id
                """)
            var snapshot = CabinetSnapshot()
            for row in try Row.fetchAll(db, sql: "SELECT id, locker_id, status, reference FROM transactions") {
                snapshot.add(StoredTransaction(id: row[0], lockerId: row[1], status: row[2], reference: row[3]))
            }
            let holders = Dictionary(
                snapshot.transactions.values.filter { $0.status == "active" }.map { ($0.lockerId, $0.id) },
                uniquingKeysWith: min)
            for row in try Row.fetchAll(db, sql: """
                SELECT id, out_of_service, reason_code, reason FROM lockers WHERE removed_at IS NULL
                """) {
                let id: Int64 = row[0]
                snapshot.lockers[id] = StoredLocker(
                    outOfService: row[1], reasonCode: row[2], reason: row[3], transactionId: holders[id])
            }
            return DatabaseFileReport(
                integrity: integrity, foreignKeyProblems: foreignKeyProblems, snapshot: snapshot,
                lockersWithTwoActiveRows: twice)
        }
    }
}

extension CabinetSnapshot {
    /// The same state through `GET /lockers` and every page of `GET /transactions`.
    static func served(by client: CrashSafetyClient) async throws -> CabinetSnapshot {
        var snapshot = CabinetSnapshot()
        var offset = 0
        while true {
            let page = try fetched(
                await client.send("GET", "/transactions?limit=500&offset=\(offset)"), CrashTransactionPage.self)
            for transaction in page.transactions {
                snapshot.add(StoredTransaction(
                    id: transaction.id, lockerId: transaction.lockerId, status: transaction.status,
                    reference: transaction.reference))
            }
            offset += page.transactions.count
            if page.transactions.isEmpty || offset >= page.total { break }
        }
        let list = try fetched(await client.send("GET", "/lockers"), CrashLockerList.self)
        for locker in list.lockers {
            snapshot.lockers[locker.id] = StoredLocker(
                outOfService: locker.outOfService, reasonCode: locker.reasonCode, reason: locker.reason,
                transactionId: locker.transactionId)
        }
        return snapshot
    }

    private static func fetched<Body: Decodable>(_ answer: CrashSafetyAnswer, _ type: Body.Type) throws -> Body {
        guard let body = answer.acknowledged(type) else { throw CrashSafetyFailure("read back failed: \(answer)") }
        return body
    }
}

/// A step of the crash test that could not be carried out (not a finding about the bridge).
struct CrashSafetyFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
