import Foundation
import Testing
@testable import HarborBridge

@Suite("HarborStore controllers: insert, update, delete, replace, locker count")
struct StoreControllerLifecycleTests {
    @Test("insert creates lockers on channels 1...n; bad fields and counts are refused; serials are unique")
    func insert() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let (controller, lockers) = try await store.insertController(simulatedController(serial: "s1"), lockerCount: 4)
        #expect(controller.id > 0 && controller.retiredAt == nil && controller.name == "Cabinet A")
        #expect(lockers.map(\.channel) == [1, 2, 3, 4])
        #expect(lockers.allSatisfy { $0.controllerId == controller.id && !$0.outOfService })
        #expect(try await store.lockers(controllerId: controller.id) == lockers)
        #expect(try await store.controller(id: controller.id) == controller)

        await #expect(throws: StoreError.serialTaken("s1")) {
            try await store.insertController(simulatedController(serial: "s1"), lockerCount: 1)
        }
        var bad = simulatedController()
        bad.kind = "usb"
        await #expect(throws: StoreError.invalidRecord("unknown controller kind usb")) {
            try await store.insertController(bad, lockerCount: 1)
        }
        await #expect(throws: StoreError.invalidLockerCount(-1)) {
            try await store.insertController(simulatedController(), lockerCount: -1)
        }
        #expect(try await store.controllers().count == 1, "refused inserts left nothing behind")
        #expect(try await store.lockers().count == 4)
    }

    @Test("several controllers go in as one transaction: a failing one leaves none of them behind")
    func insertSeveral() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        // The second one's serial clashes inside the same write: the first must be rolled back.
        await #expect(throws: StoreError.serialTaken("twin")) {
            try await store.insertControllers([
                (record: simulatedController(serial: "twin"), lockerCount: 3),
                (record: simulatedController(serial: "twin"), lockerCount: 3),
            ])
        }
        #expect(try await store.controllers().isEmpty)
        #expect(try await store.lockers().isEmpty)
        let stored = try await store.insertControllers([
            (record: simulatedController(serial: "a"), lockerCount: 2),
            (record: simulatedController(serial: "b"), lockerCount: 3),
        ])
        #expect(stored.map { $0.1.count } == [2, 3])
        #expect(try await store.lockers().count == 5)
    }

    @Test("update changes settings of a live controller only")
    func update() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let (controller, _) = try await store.insertController(simulatedController(), lockerCount: 1)
        var changed = controller
        changed.name = "Cabinet B"
        changed.pulseMs = 500
        changed.feedbackPolarity = "set-open"
        changed.createdAt = Date(timeIntervalSince1970: 5)
        let updated = try await store.updateController(changed)
        #expect(updated.name == "Cabinet B" && updated.pulseMs == 500 && updated.feedbackPolarity == "set-open")
        #expect(updated.createdAt == controller.createdAt, "createdAt belongs to the store")
        let (other, _) = try await store.insertController(simulatedController(serial: "taken"), lockerCount: 0)
        changed.serial = other.serial
        await #expect(throws: StoreError.serialTaken("taken")) { try await store.updateController(changed) }
        changed.id = 42
        await #expect(throws: StoreError.controllerNotFound(42)) { try await store.updateController(changed) }
    }

    @Test("the schema refuses a second live locker on one channel as CHANNEL_TAKEN")
    func channelTaken() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let (controller, _) = try await store.insertController(simulatedController(), lockerCount: 2)
        await #expect(throws: StoreError.channelTaken(controllerId: controller.id, channel: 2)) {
            try await store.write { db in
                try HarborStore.insertLockers(db, controllerId: controller.id, channels: [3, 2], now: Date())
            }
        }
        #expect(try await store.lockers().count == 2, "the whole transaction rolled back, channel 3 included")
    }

    @Test("delete is refused while in use; afterwards lockers are gone and released transactions stay readable")
    func delete() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let (controller, lockers) = try await store.insertController(simulatedController(serial: "s9"), lockerCount: 2)
        let held = try await store.createTransaction(lockerId: lockers[1].id)
        await #expect(throws: StoreError.controllerInUse(controller.id)) {
            try await store.deleteController(id: controller.id)
        }
        #expect(try await store.lockers() == lockers)

        let released = try await store.releaseTransaction(id: held.id)
        #expect(try await store.deleteController(id: controller.id) == lockers.map(\.id))
        #expect(try await store.lockers().isEmpty)
        #expect(try await store.controllers().isEmpty)
        #expect(try await store.controllers(includeRetired: true).first?.retiredAt != nil)
        #expect(try await store.transaction(id: held.id) == released)
        await #expect(throws: StoreError.controllerNotFound(controller.id)) {
            try await store.controller(id: controller.id)
        }
        await #expect(throws: StoreError.lockerNotFound(lockers[0].id)) { try await store.locker(id: lockers[0].id) }
        await #expect(throws: StoreError.controllerNotFound(controller.id)) {
            try await store.deleteController(id: controller.id)
        }
        // The serial of a removed controller is free again.
        _ = try await store.insertController(simulatedController(serial: "s9"), lockerCount: 1)
    }

    @Test("replace moves the same locker rows to the new controller and leaves transactions untouched")
    func replace() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let (old, lockers) = try await store.insertController(simulatedController(serial: "board-7"), lockerCount: 3)
        let held = try await store.createTransaction(lockerId: lockers[1].id, reference: "keep me")
        _ = try await store.setServiceState(lockerId: lockers[2].id, outOfService: true, reasonCode: "MANUAL_DISABLE")

        let (new, moved) = try await store.replaceController(
            id: old.id, with: simulatedController(name: "Spare", serial: "board-7"))
        #expect(new.id != old.id && new.name == "Spare")
        #expect(moved.map(\.id) == lockers.map(\.id))
        #expect(moved.map(\.channel) == [1, 2, 3])
        #expect(moved.allSatisfy { $0.controllerId == new.id })
        #expect(moved[2].outOfService && moved[2].reasonCode == "MANUAL_DISABLE")
        #expect(try await store.transaction(id: held.id) == held)
        #expect(try await store.activeTransaction(lockerId: lockers[1].id) == held)

        let retired = try await store.controller(id: old.id, includeRetired: true)
        #expect(retired.retiredAt != nil && retired.replacedById == new.id)
        #expect(try await store.controllers() == [new])
        await #expect(throws: StoreError.controllerNotFound(old.id)) { try await store.lockers(controllerId: old.id) }
        await #expect(throws: StoreError.controllerNotFound(old.id)) {
            try await store.replaceController(id: old.id, with: simulatedController())
        }
    }

    @Test("locker count: up adds new ids on the next channels, down removes the highest, ids are never reused")
    func adjustLockerCount() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let (controller, initial) = try await store.insertController(simulatedController(), lockerCount: 3)
        let grown = try await store.adjustLockerCount(controllerId: controller.id, to: 5)
        #expect(grown.removed.isEmpty)
        #expect(grown.added.map(\.channel) == [4, 5])
        #expect(grown.added.allSatisfy { $0.id > initial.map(\.id).max() ?? 0 })

        let shrunk = try await store.adjustLockerCount(controllerId: controller.id, to: 3)
        #expect(shrunk.added.isEmpty)
        #expect(shrunk.removed == grown.added.map(\.id))
        #expect(try await store.lockers() == initial)

        let regrown = try await store.adjustLockerCount(controllerId: controller.id, to: 4)
        #expect(regrown.added.map(\.channel) == [4])
        #expect(regrown.added[0].id > grown.added.map(\.id).max() ?? 0, "a removed locker's id is not reused")
        let unchanged = try await store.adjustLockerCount(controllerId: controller.id, to: 4)
        #expect(unchanged.added.isEmpty && unchanged.removed.isEmpty)
        await #expect(throws: StoreError.controllerNotFound(99)) {
            try await store.adjustLockerCount(controllerId: 99, to: 1)
        }
        await #expect(throws: StoreError.invalidLockerCount(5000)) {
            try await store.adjustLockerCount(controllerId: controller.id, to: 5000)
        }
    }

    @Test("lowering the count over an occupied locker is LOCKER_OCCUPIED and changes nothing")
    func adjustRefusedWhenOccupied() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let (controller, lockers) = try await store.insertController(simulatedController(), lockerCount: 4)
        _ = try await store.createTransaction(lockerId: lockers[2].id)
        await #expect(throws: StoreError.lockerOccupied(lockers[2].id)) {
            try await store.adjustLockerCount(controllerId: controller.id, to: 1)
        }
        #expect(try await store.lockers() == lockers)
        let trimmed = try await store.adjustLockerCount(controllerId: controller.id, to: 3)
        #expect(trimmed.removed == [lockers[3].id])
    }
}
