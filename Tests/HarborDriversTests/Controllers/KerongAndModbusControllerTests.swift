import HarborDrivers
import Testing

@Suite struct KerongAndModbusControllerTests {
    @Test func kerongCU16OpensWithTheVerifiedFrame() async throws {
        let bench = try await SimulatedBench([.board(.kerongCU16, 1, channels: 16)])
        let controller = KerongCU16LockController(bus: bench.bus, settings: bench.settings(address: 1, channels: 16))
        #expect(try await controller.open(channel: 3).doorState == .open)
        #expect(bench.framesOnTheWire == ["02 12 31 03 48"])
        let states = try await controller.readDoorStates()
        #expect(states[2] == .open)
        #expect(states.enumerated().filter { $0.offset != 2 }.allSatisfy { $0.element == .closed })
        #expect(bench.framesOnTheWire.last == "02 10 30 03 45")
        await bench.stop()
    }

    @Test func kerongCU16OpenAllIsTheBoardsOwnCommand() async throws {
        let bench = try await SimulatedBench([.board(.kerongCU16, 0, channels: 12)])
        let controller = KerongCU16LockController(bus: bench.bus, settings: bench.settings(address: 0, channels: 12))
        let outcomes = try await controller.openAll()
        #expect(outcomes.count == 12)
        #expect(outcomes.allSatisfy { $0.doorState == .open })
        #expect(bench.framesOnTheWire.count == 1)
        await bench.stop()
    }

    @Test func kerongSilentToUnlockAndStatusIsAnUnknownOutcome() async throws {
        var faults = SimulatorFaults()
        faults.silentAddresses = [2]
        let bench = try await SimulatedBench([.board(.kerongCU16, 2, channels: 16)], faults: faults)
        let controller = KerongCU16LockController(
            bus: bench.bus, settings: bench.settings(address: 2, channels: 16, timeout: .milliseconds(300)))
        await #expect(throws: LockControllerError.outcomeUnknown) { _ = try await controller.open(channel: 1) }
        // One unlock, then one status read to confirm: the unlock is never repeated.
        #expect(bench.framesOnTheWire == ["02 20 31 03 56", "02 20 30 03 55"])
        await bench.stop()
    }

    @Test func kerongCU48OpensAndHasNoOpenAllCommand() async throws {
        let bench = try await SimulatedBench([.board(.kerongCU48, 0, channels: 48)])
        let controller = KerongCU48LockController(bus: bench.bus, settings: bench.settings(address: 0, channels: 48))
        #expect(try await controller.open(channel: 1).doorState == .open)
        #expect(bench.framesOnTheWire == ["02 00 00 61 03 66"])
        let few = KerongCU48LockController(bus: bench.bus, settings: bench.settings(address: 0, channels: 3))
        let outcomes = try await few.openAll()
        #expect(outcomes.map(\.channel) == [1, 2, 3])
        #expect(await bench.line.fireCount(address: 0, channel: 2) == 1)
        #expect(await bench.line.fireCount(address: 0, channel: 4) == 0)
        await bench.stop()
    }

    @Test func modbusRelayPulsesWithTheBoardTimedCommand() async throws {
        let bench = try await SimulatedBench([.board(.modbusRelay, 1, channels: 8)])
        var settings = bench.settings(address: 1, channels: 8)
        settings.pulse = .milliseconds(700)
        let controller = ModbusRelayLockController(bus: bench.bus, settings: settings)
        #expect(try await controller.open(channel: 1).doorState == .unknown)
        #expect(bench.framesOnTheWire == ["01 05 02 00 00 07 8D B0"])
        #expect(await bench.line.fireCount(address: 1, channel: 1) == 1)
        // Without door inputs the status read still proves the board answers.
        #expect(try await controller.readDoorStates() == Array(repeating: .unknown, count: 8))
        await bench.stop()
    }

    @Test func modbusDoorInputsAndExceptions() async throws {
        let bench = try await SimulatedBench([.board(.modbusRelay, 1, channels: 4)])
        var settings = bench.settings(address: 1, channels: 4)
        settings.readsDoorInputs = true
        let controller = ModbusRelayLockController(bus: bench.bus, settings: settings)
        #expect(try await controller.open(channel: 2).doorState == .open)
        #expect(try await controller.readDoorStates() == [.closed, .open, .closed, .closed])
        // Channel 6 does not exist on this 4-relay board: it answers an exception.
        let beyond = ModbusRelayLockController(bus: bench.bus, settings: bench.settings(address: 1, channels: 8))
        do {
            _ = try await beyond.open(channel: 6)
            Issue.record("a Modbus exception was taken for success")
        } catch {
            #expect(error.code == "HARDWARE_BAD_REPLY")
        }
        await bench.stop()
    }
}
