import Foundation
@testable import HarborBridge
import HarborDrivers
import Testing

@Suite struct AdminAddControllerTests {
    @Test func simulatedControllerGetsNewLockersAndComesOnline() async throws {
        let bench = try AdminBench()
        let first = try await bench.addSimulated(3, name: "Left")
        let second = try await bench.addSimulated(2)
        #expect(first.record.name == "Left")
        #expect(first.lockers.map(\.record.channel) == [1, 2, 3])
        #expect(second.lockers.map(\.record.channel) == [1, 2])
        #expect(second.record.name == "simulated simulated")
        let ids = (first.lockers + second.lockers).map(\.record.id)
        #expect(Set(ids).count == 5)
        #expect(second.lockers.allSatisfy { $0.record.controllerId == second.record.id })
        #expect(await bench.runtime.placement(lockerId: ids[4]) == HardwarePlacement(controllerId: second.record.id, channel: 2))

        await bench.runtime.pollAll()
        let listed = try await bench.admin.controllers()
        #expect(listed.map(\.record.id) == [first.record.id, second.record.id])
        #expect(listed.map(\.lockerCount) == [3, 2])
        #expect(listed.allSatisfy { $0.online })
        let details = try await bench.admin.controller(id: first.record.id)
        #expect(details.status?.lastSeenAt != nil)
        #expect(details.lockers.allSatisfy { $0.operational && $0.status == "available" })
        #expect(details.replaced == nil)
        await bench.stop()
    }

    @Test func serialDeviceMustExist() async throws {
        let bench = try AdminBench()
        let missing = ControllerDeclaration.cuXor(on: "/dev/serial/by-id/usb-harbor-nothing-here", address: 1)
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(missing, by: AdminBench.alice) }
            == Refusal("DEVICE_NOT_FOUND", "/device"))
        let notADevice = ControllerDeclaration.cuXor(on: bench.scratch.url.path, address: 1)
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(notADevice, by: AdminBench.alice) }
            == Refusal("VALIDATION_FAILED", "/device"))
        #expect(try await bench.admin.controllers().isEmpty)
        #expect(try await bench.store.lockers().isEmpty)
        await bench.stop()
    }

    @Test func boardsShareASerialLineOnDistinctAddresses() async throws {
        let bench = try AdminBench()
        let terminal = try PseudoTerminal()
        let added = try await bench.admin.addController(.cuXor(on: terminal.path, address: 1), by: AdminBench.alice)
        #expect(added.record.device == terminal.path)
        #expect(await bench.runtime.controllerIds == [added.record.id])

        let clash = ControllerDeclaration.cuXor(on: terminal.path, address: 1)
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(clash, by: AdminBench.alice) }
            == Refusal("CONTROLLER_ADDRESS_TAKEN", "/address"))
        // A by-id style link to the same node is the same bus.
        let link = bench.scratch.url.appendingPathComponent("usb-harbor-rs485-if00").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: terminal.path)
        let linked = ControllerDeclaration.cuXor(on: link, address: 1)
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(linked, by: AdminBench.alice) }
            == Refusal("CONTROLLER_ADDRESS_TAKEN", "/address"))

        let neighbour = try await bench.admin.addController(.cuXor(on: link, address: 2), by: AdminBench.alice)
        #expect(neighbour.record.address == 2)
        #expect(try await bench.admin.controllers().count == 2)
        await bench.stop()
    }

    @Test func outOfRangeValuesNameTheirField() async throws {
        let bench = try AdminBench()
        let terminal = try PseudoTerminal()
        let cases: [(ControllerDeclaration, Refusal)] = [
            (.cuXor(on: terminal.path, address: 32), Refusal("VALIDATION_FAILED", "/address")),
            (.cuXor(on: terminal.path, address: 1, lockers: 0), Refusal("VALIDATION_FAILED", "/lockerCount")),
            (.cuXor(on: terminal.path, address: 1, lockers: 51), Refusal("VALIDATION_FAILED", "/lockerCount")),
            (.cuXor(on: terminal.path, address: 1, name: " "), Refusal("VALIDATION_FAILED", "/name")),
            (ControllerDeclaration(kind: "serial", boardProtocol: "kerong-cu16", lockerCount: 4, device: terminal.path, address: 16),
             Refusal("VALIDATION_FAILED", "/address")),
            (ControllerDeclaration(kind: "simulated", boardProtocol: "simulated", lockerCount: 60),
             Refusal("VALIDATION_FAILED", "/lockerCount")),
            (ControllerDeclaration(kind: "simulated", boardProtocol: "simulated", lockerCount: 4, address: 40),
             Refusal("VALIDATION_FAILED", "/address")),
            (ControllerDeclaration(kind: "simulated", boardProtocol: "cu-xor", lockerCount: 4),
             Refusal("VALIDATION_FAILED", "/protocol")),
            (ControllerDeclaration(kind: "tcp", boardProtocol: "cu-xor", lockerCount: 4, address: 1, host: "127.0.0.1", port: 0),
             Refusal("VALIDATION_FAILED", "/port")),
            (ControllerDeclaration(kind: "gpio", boardProtocol: "gpio-relay", lockerCount: 2, chip: "gpiochip0", lines: ["4", "4"]),
             Refusal("VALIDATION_FAILED", "/lines")),
            (ControllerDeclaration(kind: "gpio", boardProtocol: "gpio-relay", lockerCount: 2, chip: "gpiochip0", lines: ["4", "5"],
                                   doorLines: ["5"]),
             Refusal("VALIDATION_FAILED", "/doorLines")),
        ]
        for (declaration, expected) in cases {
            let got = await refusal { () throws(GatewayError) in try await bench.admin.addController(declaration, by: AdminBench.alice) }
            #expect(got == expected, "\(declaration)")
        }
        #expect(try await bench.admin.controllers().isEmpty)
        await bench.stop()
    }

    @Test func tcpBridgesGpioLinesAndSerialsAreClaimedOnce() async throws {
        let bench = try AdminBench()
        let port = HardwareFixtures.refusedPort()
        let bridge = ControllerDeclaration(
            kind: "tcp", boardProtocol: "modbus-relay", lockerCount: 4, address: 3, host: "127.0.0.1", port: port)
        _ = try await bench.admin.addController(bridge, by: AdminBench.alice)
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(bridge, by: AdminBench.alice) }
            == Refusal("CONTROLLER_ADDRESS_TAKEN", "/address"))
        var other = bridge
        other.address = 4
        _ = try await bench.admin.addController(other, by: AdminBench.alice)

        let relays = ControllerDeclaration(
            kind: "gpio", boardProtocol: "gpio-relay", lockerCount: 2, chip: "gpiochip7", lines: ["4", "5"])
        _ = try await bench.admin.addController(relays, by: AdminBench.alice)
        let overlapping = ControllerDeclaration(
            kind: "gpio", boardProtocol: "gpio-relay", lockerCount: 2, chip: "gpiochip7", lines: ["6", "05"])
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(overlapping, by: AdminBench.alice) }
            == Refusal("CONTROLLER_ADDRESS_TAKEN", "/lines"))
        let otherChip = ControllerDeclaration(
            kind: "gpio", boardProtocol: "gpio-relay", lockerCount: 2, chip: "gpiochip8", lines: ["4", "5"])
        _ = try await bench.admin.addController(otherChip, by: AdminBench.alice)
        let missingChip = ControllerDeclaration(
            kind: "gpio", boardProtocol: "gpio-relay", lockerCount: 1, chip: "/dev/gpiochip-none", lines: ["1"])
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(missingChip, by: AdminBench.alice) }
            == Refusal("DEVICE_NOT_FOUND", "/chip"))

        let discovered = ControllerDeclaration(
            kind: "simulated", boardProtocol: "simulated", lockerCount: 1, serial: "HB-0042")
        _ = try await bench.admin.addController(discovered, by: AdminBench.alice)
        #expect(await refusal { () throws(GatewayError) in try await bench.admin.addController(discovered, by: AdminBench.alice) }
            == Refusal("CONTROLLER_ADDRESS_TAKEN", "/serial"))
        #expect(try await bench.admin.controllers().count == 5)
        await bench.stop()
    }

    @Test func concurrentAddsClaimAnAddressOnce() async throws {
        let bench = try AdminBench()
        let terminal = try PseudoTerminal()
        let path = terminal.path
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let refused = await refusal { () throws(GatewayError) in
                        try await bench.admin.addController(
                            .cuXor(on: path, address: 5, name: "racer \(index)"), by: AdminBench.alice)
                    }
                    return refused?.code ?? "added"
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "added" }.count == 1)
        #expect(outcomes.filter { $0 == "CONTROLLER_ADDRESS_TAKEN" }.count == 7)
        #expect(try await bench.admin.controllers().count == 1)
        await bench.stop()
    }
}
