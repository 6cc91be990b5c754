import Foundation
import GRDB
import Testing
@testable import HarborBridge

@Suite("HarborStore transaction assignment, races and release")
struct StoreTransactionAssignmentTests {
    @Test("50 concurrent automatic creates on 10 free lockers: 10 succeed on 10 distinct lockers, 40 find none")
    func concurrentAutomaticCreates() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 10)
        let outcomes = await withTaskGroup(of: Result<TransactionRecord, StoreError>.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    do throws(StoreError) { return .success(try await store.createTransaction()) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let created = outcomes.compactMap { try? $0.get() }
        let failures = outcomes.compactMap { outcome -> StoreError? in
            if case .failure(let error) = outcome { error } else { nil }
        }
        #expect(created.count == 10)
        #expect(Set(created.map(\.lockerId)) == Set(try await store.lockers().map(\.id)))
        #expect(failures == Array(repeating: .noLockerAvailable, count: 40))
        #expect(try await store.activeTransactionsByLocker().count == 10)
    }

    @Test("50 concurrent creates for the same locker: exactly one succeeds")
    func concurrentCreatesForOneLocker() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 3)
        let target = try await store.lockers()[1].id
        let outcomes = await withTaskGroup(of: Result<TransactionRecord, StoreError>.self) { group in
            for index in 0..<50 {
                group.addTask {
                    do throws(StoreError) {
                        return .success(try await store.createTransaction(lockerId: target, reference: "r\(index)"))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let created = outcomes.compactMap { try? $0.get() }
        #expect(created.count == 1)
        #expect(created.first?.lockerId == target)
        #expect(outcomes.filter { (try? $0.get()) == nil }.count == 49)
        for case .failure(let error) in outcomes {
            #expect(error == .lockerNotAvailable(target))
        }
    }

    @Test("the partial unique index rejects a raw second active transaction for one locker")
    func schemaForbidsDoubleAssignment() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 1)
        let lockerId = try await store.lockers()[0].id
        _ = try await store.createTransaction(lockerId: lockerId)
        let insert = "INSERT INTO transactions (id, locker_id, status, created_at) VALUES (?, ?, 'active', 0)"
        await #expect {
            try await store.pool.write { db in try db.execute(sql: insert, arguments: ["raw", lockerId]) }
        } throws: { error in
            (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
        }
        // A released row for the same locker is allowed: the index only covers active ones.
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO transactions (id, locker_id, status, created_at) VALUES (?, ?, 'released', 0)",
                           arguments: ["old", lockerId])
        }
    }

    @Test("an insert that loses a race to the unique index maps to LOCKER_NOT_AVAILABLE")
    func lostRaceMapping() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 1)
        let lockerId = try await store.lockers()[0].id
        _ = try await store.createTransaction(lockerId: lockerId)
        // Skips the availability check, as a competing writer that committed in between would make it pass.
        await #expect(throws: StoreError.lockerNotAvailable(lockerId)) {
            try await store.write { db in
                try HarborStore.insertActiveTransaction(db, id: "late", lockerId: lockerId, reference: nil, now: Date())
            }
        }
    }

    @Test("releasing twice answers TRANSACTION_ALREADY_RELEASED and the locker is free again")
    func releaseTwice() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 1)
        let lockerId = try await store.lockers()[0].id
        let created = try await store.createTransaction(reference: "parcel-9")
        #expect(created.lockerId == lockerId)
        #expect(created.status == "active")
        #expect(created.id == created.id.lowercased() && UUID(uuidString: created.id) != nil)
        await #expect(throws: StoreError.noLockerAvailable) { try await store.createTransaction() }
        #expect(try await store.activeTransaction(lockerId: lockerId) == created)

        let released = try await store.releaseTransaction(id: created.id.uppercased())
        #expect(released.status == "released")
        #expect(released.releasedAt != nil)
        #expect(try await store.transaction(id: created.id) == released)
        await #expect(throws: StoreError.transactionAlreadyReleased(created.id)) {
            try await store.releaseTransaction(id: created.id)
        }
        await #expect(throws: StoreError.transactionNotFound("nope")) { try await store.releaseTransaction(id: "nope") }
        await #expect(throws: StoreError.transactionNotFound("nope")) { try await store.transaction(id: "nope") }
        #expect(try await store.activeTransaction(lockerId: lockerId) == nil)
        #expect(try await store.createTransaction().lockerId == lockerId)
    }

    @Test("an unknown locker is LOCKER_NOT_FOUND; an occupied one is LOCKER_NOT_AVAILABLE")
    func explicitLocker() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 2)
        await #expect(throws: StoreError.lockerNotFound(99)) { try await store.createTransaction(lockerId: 99) }
        let second = try await store.lockers()[1].id
        _ = try await store.createTransaction(lockerId: second)
        await #expect(throws: StoreError.lockerNotAvailable(second)) { try await store.createTransaction(lockerId: second) }
        #expect(try await store.createTransaction().lockerId == store.lockers()[0].id)
    }
}
