import Synchronization
import Testing
@testable import HarborDrivers

@Suite struct GPIORelayLockControllerTests {
    private func relayBank(
        _ chip: SimulatedGPIOChip, lines: [GPIOLineSelector], doorLines: [GPIOLineSelector]? = nil,
        activeLow: Bool = false, pulse: Duration = .milliseconds(500), sleeper: PulseSleeper = PulseSleeper()
    ) throws(GPIOError) -> GPIORelayLockController {
        let configuration = GPIORelayConfiguration(
            chip: .label(chip.label), lines: lines, doorLines: doorLines, activeLow: activeLow, pulse: pulse)
        return try GPIORelayLockController(configuration: configuration, chip: chip, sleep: sleeper.sleep)
    }

    @Test func openPulsesTheChannelsLineForTheConfiguredTime() async throws {
        let chip = SimulatedGPIOChip(lineCount: 8)
        let duringPulse = Mutex<Bool?>(nil)
        let sleeper = PulseSleeper { duringPulse.withLock { $0 = chip.isHigh(.offset(5)) } }
        let controller = try relayBank(
            chip, lines: [.offset(4), .offset(5)], pulse: .milliseconds(750), sleeper: sleeper)
        let outcome = try await controller.open(channel: 2)
        #expect(outcome == OpenOutcome(channel: 2, doorState: .unknown))
        #expect(sleeper.recorded == [.milliseconds(750)])
        #expect(duringPulse.withLock { $0 } == true)
        #expect(chip.writes.map(\.offset) == [5, 5])
        #expect(chip.writes.map(\.active) == [true, false])
        #expect(chip.isHigh(.offset(5)) == false)
    }

    @Test func activeLowRelaysPullThePinLowWhileFiring() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let duringPulse = Mutex<Bool?>(nil)
        let sleeper = PulseSleeper { duringPulse.withLock { $0 = chip.isHigh(.offset(1)) } }
        let controller = try relayBank(chip, lines: [.offset(1)], activeLow: true, sleeper: sleeper)
        #expect(chip.isHigh(.offset(1)) == true)
        _ = try await controller.open(channel: 1)
        #expect(duringPulse.withLock { $0 } == false)
        #expect(chip.writes.map(\.high) == [false, true])
        #expect(chip.isHigh(.offset(1)) == true)
    }

    @Test func channelsOutsideTheBankAreRefused() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let controller = try relayBank(chip, lines: [.offset(0), .offset(1)])
        for channel in [0, 3, -1] {
            await #expect(throws: LockControllerError.channelOutOfRange(channel: channel, channelCount: 2)) {
                try await controller.open(channel: channel)
            }
        }
        #expect(chip.writes.isEmpty)
    }

    @Test func concurrentOpensNeverOverlap() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let controller = try relayBank(chip, lines: [.offset(0), .offset(1), .offset(2)])
        try await withThrowingTaskGroup(of: OpenOutcome.self) { group in
            for channel in [1, 2, 3, 1, 2, 3, 1, 2] {
                group.addTask { try await controller.open(channel: channel) }
            }
            try await group.waitForAll()
        }
        let pulses = try #require(chip.pulses)
        #expect(pulses.count == 8)
        for (earlier, later) in zip(pulses, pulses.dropFirst()) {
            #expect(earlier.end <= later.start)
        }
    }

    @Test func openAllPulsesEveryChannelInTurn() async throws {
        let chip = SimulatedGPIOChip(lineCount: 8)
        let sleeper = PulseSleeper()
        let controller = try relayBank(chip, lines: [.offset(6), .name("GPIO2"), .offset(3)], sleeper: sleeper)
        let outcomes = try await controller.openAll()
        #expect(outcomes.map(\.channel) == [1, 2, 3])
        #expect(try #require(chip.pulses).map(\.offset) == [6, 2, 3])
        #expect(sleeper.recorded.count == 3)
    }

    @Test func linesAreFoundByNameAndByOffset() async throws {
        let chip = SimulatedGPIOChip(lineNames: ["", "DOOR_A", "RELAY_A", "RELAY_B"])
        let controller = try relayBank(chip, lines: [.name("RELAY_B"), .offset(2)])
        _ = try await controller.open(channel: 1)
        _ = try await controller.open(channel: 2)
        #expect(chip.writes.map(\.name) == ["RELAY_B", "RELAY_B", "RELAY_A", "RELAY_A"])
    }

    @Test func aMissingLineFailsConstructionAndHoldsNothing() throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        #expect(throws: GPIOError.lineNotFound("no line GPIO17 on chip harbor-sim-gpio")) {
            try relayBank(chip, lines: [.offset(0), .name("GPIO17")])
        }
        #expect(throws: GPIOError.lineNotFound("no line at offset 9 on chip harbor-sim-gpio")) {
            try relayBank(chip, lines: [.offset(0)], doorLines: [.offset(9)])
        }
        #expect(chip.consumer(of: .offset(0)) == nil)
    }

    @Test func aLineHeldElsewhereIsBusy() throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let first = try relayBank(chip, lines: [.offset(0), .offset(1)])
        let error = #expect(throws: GPIOError.self) { try relayBank(chip, lines: [.offset(1)]) }
        #expect(error?.code == "GPIO_LINE_BUSY")
        let sharedDoor = #expect(throws: GPIOError.self) {
            try relayBank(chip, lines: [.offset(2)], doorLines: [.offset(2)])
        }
        #expect(sharedDoor?.code == "GPIO_LINE_BUSY")
        #expect(first.channelCount == 2)
    }

    @Test func aRefusedChipIsPermissionDenied() {
        let chip = SimulatedGPIOChip(lineCount: 4)
        chip.refuseRequests(with: .permissionDenied("/dev/gpiochip0 is 0660 root:gpio"))
        let error = #expect(throws: GPIOError.self) { try relayBank(chip, lines: [.offset(0)]) }
        #expect(error?.code == "GPIO_PERMISSION_DENIED")
    }

    @Test func releasingTheControllerFreesItsLines() throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        do {
            let controller = try relayBank(chip, lines: [.offset(0)], doorLines: [.offset(1)])
            #expect(chip.consumer(of: .offset(1)) == "harbor-gateway")
            #expect(controller.channelCount == 1)
        }
        #expect(chip.consumer(of: .offset(0)) == nil)
        #expect(chip.consumer(of: .offset(1)) == nil)
    }
}
