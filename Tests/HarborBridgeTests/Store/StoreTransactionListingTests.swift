import Foundation
import GRDB
import Testing
@testable import HarborBridge

@Suite("HarborStore transaction listing: order, filters, pages, indexes")
struct StoreTransactionListingTests {
    /// Three lockers; rounds of create/release leave 9 released and 3 active transactions.
    private func filledStore(_ scratch: ScratchDirectory) async throws -> (HarborStore, [TransactionRecord]) {
        let store = try await openStore(in: scratch, lockers: 3)
        var created: [TransactionRecord] = []
        for round in 0..<4 {
            for locker in try await store.lockers() {
                created.append(try await store.createTransaction(lockerId: locker.id, reference: "r\(round)"))
            }
            if round < 3 {
                for transaction in created.suffix(3) {
                    _ = try await store.releaseTransaction(id: transaction.id)
                }
            }
        }
        return (store, created)
    }

    @Test("newest first, pages cover everything once, totals count all matches")
    func pagination() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (store, created) = try await filledStore(scratch)
        let newestFirst = created.reversed().map(\.id)
        var seen: [String] = []
        for offset in stride(from: 0, to: 15, by: 5) {
            let page = try await store.transactions(limit: 5, offset: offset)
            #expect(page.total == 12)
            seen += page.items.map(\.id)
        }
        #expect(seen == newestFirst)
        #expect(try await store.transactions(limit: 5, offset: 20).items.isEmpty)
        await #expect(throws: StoreError.invalidPagination) { try await store.transactions(limit: -1) }
        await #expect(throws: StoreError.invalidPagination) { try await store.transactions(offset: -3) }
    }

    @Test("status and locker filters, alone and together")
    func filters() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (store, created) = try await filledStore(scratch)
        let firstLocker = try await store.lockers()[0].id
        let active = try await store.transactions(status: "active")
        #expect(active.total == 3)
        #expect(active.items.map(\.id) == created.suffix(3).reversed().map(\.id))
        let released = try await store.transactions(status: "released", limit: 2)
        #expect(released.total == 9 && released.items.count == 2)
        #expect(released.items.allSatisfy { $0.status == "released" && $0.releasedAt != nil })
        let byLocker = try await store.transactions(lockerId: firstLocker)
        #expect(byLocker.total == 4)
        #expect(byLocker.items.map(\.reference) == ["r3", "r2", "r1", "r0"])
        let both = try await store.transactions(status: "released", lockerId: firstLocker)
        #expect(both.total == 3 && both.items.allSatisfy { $0.lockerId == firstLocker })
        #expect(try await store.transactions(lockerId: 404).total == 0)
        await #expect(throws: StoreError.invalidRecord("unknown transaction status open")) {
            try await store.transactions(status: "open")
        }
        let map = try await store.activeTransactionsByLocker()
        #expect(Set(map.values) == Set(active.items.map(\.id)))
    }

    @Test("every filter combination is answered from an index, without a sort or a table scan")
    func queryPlans() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        for (status, lockerId) in [(nil, nil), ("active", nil), (nil, Int64(1)), ("released", Int64(1))] as [(String?, Int64?)] {
            let query = HarborStore.transactionPageQuery(status: status, lockerId: lockerId)
            let plan = try await store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.pageSQL,
                                 arguments: query.arguments + [10, 0]).map { row -> String in row["detail"] }
            }
            let text = plan.joined(separator: " | ")
            #expect(text.contains("INDEX"), "\(text)")
            #expect(!text.contains("TEMP B-TREE"), "\(text)")
        }
    }
}
