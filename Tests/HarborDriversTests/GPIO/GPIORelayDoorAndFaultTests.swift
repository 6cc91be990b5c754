import Testing
@testable import HarborDrivers

@Suite struct GPIORelayDoorAndFaultTests {
    private func relayBank(
        _ chip: SimulatedGPIOChip, configuration: GPIORelayConfiguration,
        sleep: @escaping @Sendable (Duration) async -> Void = { _ in }
    ) throws(GPIOError) -> GPIORelayLockController {
        try GPIORelayLockController(configuration: configuration, chip: chip, sleep: sleep)
    }

    @Test func switchesToGroundReadThroughThePullUp() async throws {
        // The defaults: pull-up, active low, active means closed.
        let chip = SimulatedGPIOChip(lineCount: 8)
        let configuration = GPIORelayConfiguration(
            chip: .label(chip.label), lines: [.offset(0), .offset(1)], doorLines: [.offset(4), .offset(5)])
        let controller = try relayBank(chip, configuration: configuration)
        #expect(try await controller.readDoorStates() == [.open, .open])
        chip.drive(.offset(5), high: false)
        #expect(try await controller.readDoorStates() == [.open, .closed])
        #expect(try await controller.open(channel: 2) == OpenOutcome(channel: 2, doorState: .closed))
        #expect(try await controller.open(channel: 1) == OpenOutcome(channel: 1, doorState: .open))
    }

    @Test func activeHighSwitchesFollowTheirPolarity() async throws {
        let chip = SimulatedGPIOChip(lineCount: 8)
        let configuration = GPIORelayConfiguration(
            chip: .label(chip.label), lines: [.offset(0), .offset(1)], doorLines: [.offset(4), .offset(5)],
            doorActiveLow: false, doorPullUp: false, doorPolarity: .setMeansOpen)
        let controller = try relayBank(chip, configuration: configuration)
        #expect(try await controller.readDoorStates() == [.closed, .closed])
        chip.drive(.offset(4), high: true)
        #expect(try await controller.readDoorStates() == [.open, .closed])
    }

    @Test func withoutDoorLinesEveryDoorIsUnknown() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let configuration = GPIORelayConfiguration(chip: .label(chip.label), lines: [.offset(0), .offset(1)])
        let controller = try relayBank(chip, configuration: configuration)
        #expect(try await controller.readDoorStates() == [.unknown, .unknown])
        #expect(try await controller.openAll().map(\.doorState) == [.unknown, .unknown])
    }

    @Test func channelsPastTheDoorListAreUnknown() async throws {
        let chip = SimulatedGPIOChip(lineCount: 8)
        let configuration = GPIORelayConfiguration(
            chip: .label(chip.label), lines: [.offset(0), .offset(1)],
            doorLines: [.offset(4)], doorActiveLow: false, doorPullUp: false)
        let controller = try relayBank(chip, configuration: configuration)
        chip.drive(.offset(4), high: true)
        #expect(try await controller.readDoorStates() == [.closed, .unknown])
    }

    @Test func gpioFaultsAreUnreachableWithTheGPIOCode() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let configuration = GPIORelayConfiguration(
            chip: .label(chip.label), lines: [.offset(0)], doorLines: [.offset(1)])
        let controller = try relayBank(chip, configuration: configuration)
        let fault = GPIOError.ioFailed(operation: "set line 0", errno: 19)
        chip.failLineAccess(with: fault)
        await #expect(throws: LockControllerError.unreachable(fault.description, code: "GPIO_IO_FAILED")) {
            try await controller.open(channel: 1)
        }
        await #expect(throws: LockControllerError.unreachable(fault.description, code: "GPIO_IO_FAILED")) {
            try await controller.readDoorStates()
        }
        chip.failLineAccess(with: nil)
        #expect(try await controller.open(channel: 1).channel == 1)
    }

    @Test func aCancelledOpenStillReleasesTheRelay() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let (pulseStarted, started) = AsyncStream.makeStream(of: Void.self)
        let configuration = GPIORelayConfiguration(chip: .label(chip.label), lines: [.offset(3)])
        let controller = try relayBank(chip, configuration: configuration) { _ in
            started.yield()
            try? await Task.sleep(for: .seconds(60))
        }
        let opening = Task { try await controller.open(channel: 1) }
        for await _ in pulseStarted { break }
        #expect(chip.isHigh(.offset(3)) == true)
        opening.cancel()
        _ = try await opening.value
        #expect(chip.isHigh(.offset(3)) == false)
        #expect(chip.writes.map(\.active) == [true, false])
    }
}

@Suite struct GPIORelayPartialFaultTests {
    private let configuration = GPIORelayConfiguration(
        chip: .label("harbor-sim-gpio"), lines: [.offset(0)], doorLines: [.offset(1)])
    private let fault = GPIOError.ioFailed(operation: "read line 1", errno: 5)

    @Test func anUnreadableDoorStillReportsTheFiredLock() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let controller = try GPIORelayLockController(configuration: configuration, chip: chip) { _ in }
        chip.failLineAccess(with: fault, on: .offset(1))
        #expect(try await controller.open(channel: 1) == OpenOutcome(channel: 1, doorState: .unknown))
        #expect(chip.writes.map(\.active) == [true, false])
        await #expect(throws: LockControllerError.unreachable(fault.description, code: fault.code)) {
            try await controller.readDoorStates()
        }
    }

    @Test func aFailedActivationLeavesTheRelayInactive() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let controller = try GPIORelayLockController(configuration: configuration, chip: chip) { _ in }
        chip.failLineAccess(with: fault, on: .offset(0), times: 1)
        await #expect(throws: LockControllerError.unreachable(fault.description, code: fault.code)) {
            try await controller.open(channel: 1)
        }
        #expect(chip.writes.map(\.active) == [false])
        #expect(try await controller.open(channel: 1).doorState == .open)
    }

    @Test func openAllStopsAtTheFirstFailingRelay() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let bank = GPIORelayConfiguration(chip: .label(chip.label), lines: [.offset(0), .offset(1), .offset(2)])
        let controller = try GPIORelayLockController(configuration: bank, chip: chip) { _ in }
        chip.failLineAccess(with: fault, on: .offset(1))
        await #expect(throws: LockControllerError.unreachable(fault.description, code: fault.code)) {
            try await controller.openAll()
        }
        #expect(chip.writes.map(\.offset) == [0, 0])
    }
}
