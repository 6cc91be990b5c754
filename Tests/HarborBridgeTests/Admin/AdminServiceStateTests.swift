import Foundation
@testable import HarborBridge
import Testing

@Suite struct AdminServiceStateTests {
    @Test func outOfServiceKeepsTheTransactionAndBlocksNewOnes() async throws {
        let bench = try AdminBench()
        let added = try await bench.addSimulated(2)
        await bench.runtime.pollAll()
        let lockerId = added.lockers[0].record.id
        let held = try await bench.store.createTransaction(lockerId: lockerId)

        let state = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: true, reasonCode: "MAINTENANCE", reason: "hinge squeaks", by: AdminBench.alice)
        #expect(state.record.outOfService)
        #expect(state.record.reasonCode == "MAINTENANCE")
        #expect(state.record.reason == "hinge squeaks")
        #expect(state.transactionId == held.id)
        #expect(state.status == "out_of_service")
        #expect(try await bench.store.transaction(id: held.id).status == "active")

        _ = try await bench.store.releaseTransaction(id: held.id)
        await #expect(throws: StoreError.lockerNotAvailable(lockerId)) {
            try await bench.store.createTransaction(lockerId: lockerId)
        }
        let next = try await bench.store.createTransaction()
        #expect(next.lockerId == added.lockers[1].record.id)
        await bench.stop()
    }

    @Test func backInServiceClearsReasonFieldsNotSent() async throws {
        let bench = try AdminBench()
        let lockerId = try await bench.addSimulated(1).lockers[0].record.id
        _ = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: true, reasonCode: "DAMAGED", reason: "dented door", by: AdminBench.alice)

        let cleared = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: false, reasonCode: nil, reason: nil, by: AdminBench.alice)
        #expect(!cleared.record.outOfService)
        #expect(cleared.record.reasonCode == nil)
        #expect(cleared.record.reason == nil)
        #expect(cleared.status == "available")

        _ = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: true, reasonCode: "CLEANING", reason: "spill", by: AdminBench.alice)
        let partly = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: false, reasonCode: nil, reason: "cleaned on Monday", by: AdminBench.alice)
        #expect(partly.record.reasonCode == nil)
        #expect(partly.record.reason == "cleaned on Monday")
        #expect(try await bench.store.locker(id: lockerId) == partly.record)
        await bench.stop()
    }

    @Test func staysOutOfServiceKeepingUnsentReasons() async throws {
        let bench = try AdminBench()
        let lockerId = try await bench.addSimulated(1).lockers[0].record.id
        _ = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: true, reasonCode: "LOCK_FAULT", reason: nil, by: AdminBench.alice)
        let detailed = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: true, reasonCode: nil, reason: "solenoid stuck", by: AdminBench.alice)
        #expect(detailed.record.reasonCode == "LOCK_FAULT")
        #expect(detailed.record.reason == "solenoid stuck")
        await bench.stop()
    }

    @Test func refusesUnknownCodesLongReasonsAndUnknownLockers() async throws {
        let bench = try AdminBench()
        let lockerId = try await bench.addSimulated(1).lockers[0].record.id
        let badCode = await refusal { () throws(GatewayError) in
            try await bench.admin.setLockerServiceState(
                lockerId: lockerId, outOfService: true, reasonCode: "BROKEN", reason: nil, by: AdminBench.alice)
        }
        #expect(badCode == Refusal("VALIDATION_FAILED", "/reasonCode"))
        let longReason = await refusal { () throws(GatewayError) in
            try await bench.admin.setLockerServiceState(
                lockerId: lockerId, outOfService: true, reasonCode: "OTHER", reason: String(repeating: "x", count: 501),
                by: AdminBench.alice)
        }
        #expect(longReason == Refusal("VALIDATION_FAILED", "/reason"))
        #expect(try await bench.store.locker(id: lockerId).outOfService == false)
        let longest = try await bench.admin.setLockerServiceState(
            lockerId: lockerId, outOfService: true, reasonCode: "OTHER", reason: String(repeating: "x", count: 500),
            by: AdminBench.alice)
        #expect(longest.record.reason?.count == 500)
        for code in LockerServiceReason.codes {
            _ = try await bench.admin.setLockerServiceState(
                lockerId: lockerId, outOfService: true, reasonCode: code, reason: nil, by: AdminBench.alice)
        }
        let unknown = await refusal { () throws(GatewayError) in
            try await bench.admin.setLockerServiceState(
                lockerId: 999, outOfService: true, reasonCode: nil, reason: nil, by: AdminBench.alice)
        }
        #expect(unknown == Refusal("LOCKER_NOT_FOUND"))
        await bench.stop()
    }
}
