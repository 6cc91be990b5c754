import Foundation
@testable import HarborBridge
import HarborDrivers
import Testing

/// The board address and record name the runtime is running a controller with.
private func running(_ runtime: HardwareRuntime, _ id: Int64) async -> (name: String?, address: Int?) {
    let slot = await runtime.slots[id]
    let address: Int? = switch slot?.blueprint {
    case let .simulated(_, settings)?: settings.address
    case let .board(_, _, settings)?: settings.address
    default: nil
    }
    return (slot?.record.name, address)
}

@Suite struct AdminChangeControllerTests {
    @Test func updateAppliesLive() async throws {
        let bench = try AdminBench()
        let added = try await bench.addSimulated(3, name: "Front", address: 1)
        let id = added.record.id
        await bench.runtime.pollAll()
        #expect(await running(bench.runtime, id) == ("Front", 1))

        let updated = try await bench.admin.updateController(
            id: id, patch: ControllerPatch(name: "Front row", address: 5, pulseMs: 200), by: AdminBench.alice)
        #expect(updated.record.name == "Front row")
        #expect(updated.record.address == 5)
        #expect(updated.record.pulseMs == 200)
        #expect(updated.lockers.map(\.record.id) == added.lockers.map(\.record.id))
        #expect(await running(bench.runtime, id) == ("Front row", 5))
        #expect(try await bench.store.controller(id: id).address == 5)
        // The rebuilt board answers on its new address.
        await bench.runtime.pollAll()
        #expect(try await bench.admin.controller(id: id).status?.online == true)

        let foreign = await refusal { () throws(GatewayError) in
            try await bench.admin.updateController(id: id, patch: ControllerPatch(host: "10.0.0.9"), by: AdminBench.alice)
        }
        #expect(foreign == Refusal("VALIDATION_FAILED", "/host"))
        let outOfRange = await refusal { () throws(GatewayError) in
            try await bench.admin.updateController(id: id, patch: ControllerPatch(name: "x", address: 99), by: AdminBench.alice)
        }
        #expect(outOfRange == Refusal("VALIDATION_FAILED", "/address"))
        #expect(try await bench.store.controller(id: id).name == "Front row")
        let unknown = await refusal { () throws(GatewayError) in
            try await bench.admin.updateController(id: 999, patch: ControllerPatch(name: "x"), by: AdminBench.alice)
        }
        #expect(unknown == Refusal("CONTROLLER_NOT_FOUND"))
        await bench.stop()
    }

    @Test func updateKeepsBusAddressesDistinctButMayKeepItsOwn() async throws {
        let bench = try AdminBench()
        let terminal = try PseudoTerminal()
        let first = try await bench.admin.addController(.cuXor(on: terminal.path, address: 1), by: AdminBench.alice)
        let second = try await bench.admin.addController(.cuXor(on: terminal.path, address: 2), by: AdminBench.alice)
        let clash = await refusal { () throws(GatewayError) in
            try await bench.admin.updateController(id: second.record.id, patch: ControllerPatch(address: 1), by: AdminBench.alice)
        }
        #expect(clash == Refusal("CONTROLLER_ADDRESS_TAKEN", "/address"))
        _ = try await bench.admin.updateController(
            id: first.record.id, patch: ControllerPatch(name: "Bus A board 1", address: 1), by: AdminBench.alice)
        let moved = await refusal { () throws(GatewayError) in
            try await bench.admin.updateController(
                id: first.record.id, patch: ControllerPatch(device: "/dev/ttyHarborMissing"), by: AdminBench.alice)
        }
        #expect(moved == Refusal("DEVICE_NOT_FOUND", "/device"))
        #expect(await running(bench.runtime, second.record.id).address == 2)
        await bench.stop()
    }

    @Test func removalWaitsForTheLastTransaction() async throws {
        let bench = try AdminBench()
        let added = try await bench.addSimulated(2)
        let id = added.record.id
        let held = try await bench.store.createTransaction(lockerId: added.lockers[1].record.id)

        let refused = await refusal { () throws(GatewayError) in try await bench.admin.removeController(id: id, by: AdminBench.alice) }
        #expect(refused == Refusal("CONTROLLER_IN_USE"))
        #expect(await bench.runtime.controllerIds == [id])

        _ = try await bench.store.releaseTransaction(id: held.id)
        let removed = try await bench.admin.removeController(id: id, by: AdminBench.alice)
        #expect(removed == added.lockers.map(\.record.id))
        #expect(await bench.runtime.controllerIds.isEmpty)
        #expect(await bench.runtime.placement(lockerId: removed[0]) == nil)
        #expect(try await bench.admin.controllers().isEmpty)
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.controller(id: id) } == Refusal("CONTROLLER_NOT_FOUND"))
        // The released transaction stays readable.
        #expect(try await bench.store.transaction(id: held.id).status == "released")
        await bench.stop()
    }

    @Test func replacementTakesOverLockersAndTheirTransaction() async throws {
        let bench = try AdminBench()
        let old = try await bench.addSimulated(3, name: "Failing board")
        let held = try await bench.store.createTransaction(lockerId: old.lockers[2].record.id)

        let replacement = ControllerDeclaration(
            kind: "simulated", boardProtocol: "simulated", lockerCount: 1, address: 7)
        let new = try await bench.admin.replaceController(id: old.record.id, with: replacement, by: AdminBench.alice)
        #expect(new.record.id != old.record.id)
        #expect(new.record.name == "Failing board")
        #expect(new.record.address == 7)
        #expect(new.lockers.map(\.record.id) == old.lockers.map(\.record.id))
        #expect(new.lockers.map(\.record.channel) == [1, 2, 3])
        #expect(new.lockers[2].transactionId == held.id)
        #expect(new.replaced?.id == old.record.id)
        #expect(try await bench.store.transaction(id: held.id).status == "active")

        let retired = try await bench.store.controller(id: old.record.id, includeRetired: true)
        #expect(retired.retiredAt != nil)
        #expect(retired.replacedById == new.record.id)
        #expect(await bench.runtime.controllerIds == [new.record.id])
        #expect(await bench.runtime.placement(lockerId: old.lockers[0].record.id)
            == HardwarePlacement(controllerId: new.record.id, channel: 1))
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.controller(id: old.record.id) }
            == Refusal("CONTROLLER_NOT_FOUND"))
        await bench.runtime.pollAll()
        #expect(try await bench.admin.controller(id: new.record.id).status?.online == true)
        #expect(bench.audit.matching("controller \(old.record.id) replaced by \(new.record.id)", "caller=admin:alice").count == 1)
        await bench.stop()
    }

    @Test func replacementMustDriveEveryLockerAndMayReuseTheOldAddress() async throws {
        let bench = try AdminBench()
        let terminal = try PseudoTerminal()
        let old = try await bench.admin.addController(.cuXor(on: terminal.path, address: 1, lockers: 20), by: AdminBench.alice)
        let small = ControllerDeclaration(
            kind: "serial", boardProtocol: "kerong-cu16", lockerCount: 4, device: terminal.path, address: 1)
        #expect(await refusal { () throws(GatewayError) in
            try await bench.admin.replaceController(id: old.record.id, with: small, by: AdminBench.alice)
        } == Refusal("VALIDATION_FAILED", "/protocol"))
        #expect(try await bench.admin.controllers().map(\.record.id) == [old.record.id])

        let sameSlot = try await bench.admin.replaceController(
            id: old.record.id, with: .cuXor(on: terminal.path, address: 1), by: AdminBench.alice)
        #expect(sameSlot.lockers.count == 20)
        #expect(await running(bench.runtime, sameSlot.record.id).address == 1)
        await bench.stop()
    }

    @Test func lockerCountGrowsWithNewIdsAndShrinksFromTheTop() async throws {
        let bench = try AdminBench()
        let added = try await bench.addSimulated(2)
        let id = added.record.id
        let original = added.lockers.map(\.record.id)

        let grown = try await bench.admin.adjustLockerCount(controllerId: id, to: 4, by: AdminBench.alice)
        #expect(grown.added.count == 2)
        #expect(grown.removed.isEmpty)
        #expect(Set(grown.added).isDisjoint(with: original))
        #expect(grown.controller.lockerCount == 4)
        #expect(await bench.runtime.placement(lockerId: grown.added[1]) == HardwarePlacement(controllerId: id, channel: 4))
        await bench.runtime.pollAll()
        #expect(await bench.runtime.status(controllerId: id)?.channelCount == 4)

        let held = try await bench.store.createTransaction(lockerId: grown.added[1])
        let occupied = await refusal { () throws(GatewayError) in
            try await bench.admin.adjustLockerCount(controllerId: id, to: 1, by: AdminBench.alice)
        }
        #expect(occupied == Refusal("LOCKER_OCCUPIED"))
        #expect(try await bench.store.lockers(controllerId: id).count == 4)
        #expect(await bench.runtime.placement(lockerId: grown.added[1]) != nil)

        _ = try await bench.store.releaseTransaction(id: held.id)
        let shrunk = try await bench.admin.adjustLockerCount(controllerId: id, to: 1, by: AdminBench.alice)
        #expect(shrunk.removed == [original[1]] + grown.added)
        #expect(shrunk.controller.lockerCount == 1)
        #expect(try await bench.store.lockers(controllerId: id).map(\.id) == [original[0]])
        #expect(await bench.runtime.placement(lockerId: grown.added[0]) == nil)
        #expect(await bench.runtime.status(controllerId: id)?.lockerCount == 1)

        let again = try await bench.admin.adjustLockerCount(controllerId: id, to: 2, by: AdminBench.alice)
        #expect(again.added.count == 1 && !(original + grown.added).contains(again.added[0]))
        await bench.stop()
    }

    @Test func lockerCountStaysWithinWhatTheHardwareDrives() async throws {
        let bench = try AdminBench()
        let simulated = try await bench.addSimulated(2)
        let relays = try await bench.admin.addController(
            ControllerDeclaration(kind: "gpio", boardProtocol: "gpio-relay", lockerCount: 2, chip: "gpiochip3", lines: ["1", "2", "3"]),
            by: AdminBench.alice)
        for (id, count) in [(simulated.record.id, 65), (simulated.record.id, -1), (simulated.record.id, 51), (relays.record.id, 4)] {
            let got = await refusal { () throws(GatewayError) in
                try await bench.admin.adjustLockerCount(controllerId: id, to: count, by: AdminBench.alice)
            }
            #expect(got == Refusal("VALIDATION_FAILED", "/lockerCount"), "controller \(id) to \(count)")
        }
        #expect(try await bench.admin.adjustLockerCount(controllerId: relays.record.id, to: 3, by: AdminBench.alice).added.count == 1)
        #expect(try await bench.admin.adjustLockerCount(controllerId: simulated.record.id, to: 0, by: AdminBench.alice).removed.count == 2)
        #expect(await refusal { () throws(GatewayError) in
            try await bench.admin.adjustLockerCount(controllerId: 999, to: 1, by: AdminBench.alice)
        } == Refusal("CONTROLLER_NOT_FOUND"))
        await bench.stop()
    }
}
