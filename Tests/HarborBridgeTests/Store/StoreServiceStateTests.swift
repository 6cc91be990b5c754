import Foundation
import Testing
@testable import HarborBridge

@Suite("HarborStore locker service state and availability")
struct StoreServiceStateTests {
    @Test("out of service blocks explicit and automatic creates but keeps the existing active transaction")
    func outOfServiceBlocksNewTransactions() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 2)
        let ids = try await store.lockers().map(\.id)
        let held = try await store.createTransaction(lockerId: ids[0])
        let first = try await store.setServiceState(
            lockerId: ids[0], outOfService: true, reasonCode: "MANUAL_DISABLE", reason: "door jammed")
        _ = try await store.setServiceState(lockerId: ids[1], outOfService: true, reasonCode: "HARDWARE_FAULT")
        #expect(first.outOfService && first.reasonCode == "MANUAL_DISABLE" && first.reason == "door jammed")
        #expect(try await store.locker(id: ids[0]) == first)
        #expect(try await store.activeTransaction(lockerId: ids[0]) == held)
        await #expect(throws: StoreError.lockerNotAvailable(ids[1])) { try await store.createTransaction(lockerId: ids[1]) }
        await #expect(throws: StoreError.noLockerAvailable) { try await store.createTransaction() }
        await #expect(throws: StoreError.lockerNotFound(77)) {
            try await store.setServiceState(lockerId: 77, outOfService: true)
        }

        let back = try await store.setServiceState(lockerId: ids[1], outOfService: false)
        #expect(!back.outOfService && back.reasonCode == nil && back.reason == nil)
        #expect(try await store.createTransaction().lockerId == ids[1])
    }

    @Test("reason fields: sent ones are stored, unsent ones cleared back in service, kept while staying out")
    func reasonFields() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 1)
        let id = try await store.lockers()[0].id
        _ = try await store.setServiceState(lockerId: id, outOfService: true, reasonCode: "MANUAL_DISABLE")
        let amended = try await store.setServiceState(lockerId: id, outOfService: true, reason: "waiting for a part")
        #expect(amended.reasonCode == "MANUAL_DISABLE" && amended.reason == "waiting for a part")
        let repaired = try await store.setServiceState(lockerId: id, outOfService: false, reasonCode: "REPAIRED")
        #expect(!repaired.outOfService && repaired.reasonCode == "REPAIRED" && repaired.reason == nil)
        let disabledAgain = try await store.setServiceState(lockerId: id, outOfService: true)
        #expect(disabledAgain.outOfService && disabledAgain.reasonCode == nil && disabledAgain.reason == nil)
        #expect(disabledAgain.updatedAt > repaired.updatedAt)
    }

    @Test("unavailable (non-operational) lockers are skipped and refused")
    func unavailableLockersAreSkipped() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 3)
        let ids = try await store.lockers().map(\.id)
        let broken: Set = [ids[0], ids[1]]
        #expect(try await store.createTransaction(unavailableLockerIds: broken).lockerId == ids[2])
        await #expect(throws: StoreError.noLockerAvailable) {
            try await store.createTransaction(unavailableLockerIds: broken)
        }
        await #expect(throws: StoreError.lockerNotAvailable(ids[0])) {
            try await store.createTransaction(lockerId: ids[0], unavailableLockerIds: broken)
        }
        #expect(try await store.createTransaction(lockerId: ids[0]).lockerId == ids[0])
    }

    @Test("locker counts group lockers by state for the system view")
    func lockerCounts() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 6)
        let ids = try await store.lockers().map(\.id)
        _ = try await store.createTransaction(lockerId: ids[0])
        _ = try await store.createTransaction(lockerId: ids[1])
        _ = try await store.setServiceState(lockerId: ids[1], outOfService: true)
        _ = try await store.setServiceState(lockerId: ids[2], outOfService: true)
        let counts = try await store.lockerCounts(unavailableLockerIds: [ids[3], 999])
        #expect(counts.total == 6)
        #expect(counts.occupied == 2)
        #expect(counts.outOfService == 2)
        #expect(counts.nonOperational == 1)
        #expect(counts.available == 2)
    }
}

@Suite("HarborStore locker reads between writes")
struct StoreLockerReadCacheTests {
    @Test("a locker read again after a write shows the write: service state, replacement and removal")
    func readsFollowWrites() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, lockers: 2)
        let id = try #require(try await store.lockers().first?.id)
        let before = try await store.locker(id: id)
        #expect(!before.outOfService)
        #expect(try await store.locker(id: id) == before, "a second read without a write is the same row")

        _ = try await store.setServiceState(lockerId: id, outOfService: true, reasonCode: "MANUAL_DISABLE")
        let disabled = try await store.locker(id: id)
        #expect(disabled.outOfService && disabled.reasonCode == "MANUAL_DISABLE")

        _ = try await store.setServiceState(lockerId: id, outOfService: false)
        #expect(try await store.locker(id: id).outOfService == false)

        _ = try await store.deleteController(id: before.controllerId)
        await #expect(throws: StoreError.lockerNotFound(id)) { try await store.locker(id: id) }
    }
}
