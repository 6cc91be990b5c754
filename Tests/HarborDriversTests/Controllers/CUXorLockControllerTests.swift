import HarborDrivers
import Testing

@Suite struct CUXorLockControllerTests {
    @Test func openSendsTheVerifiedFrameAndReportsTheDoor() async throws {
        let bench = try await SimulatedBench([.board(.cuXor, 1, channels: 16)])
        let controller = CUXorLockController(bus: bench.bus, settings: bench.settings(address: 1, channels: 16))
        let outcome = try await controller.open(channel: 1)
        #expect(outcome == OpenOutcome(channel: 1, doorState: .open))
        #expect(bench.framesOnTheWire == ["8A 01 01 11 9B"])
        let states = try await controller.readDoorStates()
        #expect(states.count == 16)
        #expect(states[0] == .open)
        #expect(states.dropFirst().allSatisfy { $0 == .closed })
        #expect(try await controller.readDoorState(channel: 2) == .closed)
        await bench.stop()
    }

    @Test func openAllIsOneBoardCommandThenOneStatusRead() async throws {
        let bench = try await SimulatedBench([.board(.cuXor, 1, channels: 8)])
        let controller = CUXorLockController(bus: bench.bus, settings: bench.settings(address: 1, channels: 8))
        let outcomes = try await controller.openAll()
        #expect(outcomes.map(\.channel) == Array(1...8))
        #expect(outcomes.allSatisfy { $0.doorState == .open })
        #expect(bench.framesOnTheWire == ["8A 01 00 11 9A", "80 01 00 33 B2"])
        await bench.stop()
    }

    @Test func polarityIsASetting() async throws {
        let bench = try await SimulatedBench([.board(.cuXor, 2, channels: 8)], polarity: .setMeansOpen)
        var settings = bench.settings(address: 2, channels: 8)
        settings.polarity = .setMeansOpen
        let controller = CUXorLockController(bus: bench.bus, settings: settings)
        #expect(try await controller.open(channel: 4).doorState == .open)
        #expect(try await controller.readDoorState(channel: 5) == .closed)
        await bench.stop()
    }

    @Test func silentBoardIsAnUnknownOutcomeSentOnceAndLeavesItsNeighbourAlone() async throws {
        var faults = SimulatorFaults()
        faults.silentAddresses = [1]
        let bench = try await SimulatedBench(
            [.board(.cuXor, 1, channels: 8), .board(.cuXor, 2, channels: 8)], faults: faults)
        let silent = CUXorLockController(
            bus: bench.bus, settings: bench.settings(address: 1, channels: 8, timeout: .milliseconds(300)))
        let healthy = CUXorLockController(bus: bench.bus, settings: bench.settings(address: 2, channels: 8))
        await #expect(throws: LockControllerError.outcomeUnknown) { _ = try await silent.open(channel: 3) }
        #expect(await bench.line.fireCount(address: 1, channel: 3) == 1)
        #expect(try await healthy.open(channel: 3).doorState == .open)
        await #expect(throws: LockControllerError.noReply) { _ = try await silent.readDoorStates() }
        #expect(bench.framesOnTheWire.filter { $0 == "8A 01 03 11 99" }.count == 1)
        await bench.stop()
    }

    @Test func corruptReplyIsABadReply() async throws {
        var faults = SimulatorFaults()
        faults.corruptChecksums = true
        let bench = try await SimulatedBench([.board(.cuXor, 1, channels: 8)], faults: faults)
        let controller = CUXorLockController(bus: bench.bus, settings: bench.settings(address: 1, channels: 8))
        do {
            _ = try await controller.readDoorState(channel: 1)
            Issue.record("a corrupt reply was accepted")
        } catch {
            #expect(error.code == "HARDWARE_BAD_REPLY")
        }
        await bench.stop()
    }

    @Test func channelOutsideTheBoardWritesNothing() async throws {
        let bench = try await SimulatedBench([.board(.cuXor, 1, channels: 8)])
        let controller = CUXorLockController(bus: bench.bus, settings: bench.settings(address: 1, channels: 8))
        await #expect(throws: LockControllerError.channelOutOfRange(channel: 9, channelCount: 8)) {
            _ = try await controller.open(channel: 9)
        }
        await #expect(throws: LockControllerError.channelOutOfRange(channel: 0, channelCount: 8)) {
            _ = try await controller.open(channel: 0)
        }
        #expect(bench.framesOnTheWire.isEmpty)
        await bench.stop()
    }

    @Test func unpluggedLineIsUnreachableAndComesBackWhenPluggedIn() async throws {
        let timing = BusTiming(interFrameGap: .zero, reopenBackoff: .milliseconds(50))
        let bench = try await SimulatedBench([.board(.cuXor, 1, channels: 8)], timing: timing)
        let controller = CUXorLockController(bus: bench.bus, settings: bench.settings(address: 1, channels: 8))
        _ = try await controller.readDoorStates()
        await bench.line.unplug()
        do {
            _ = try await controller.readDoorStates()
            Issue.record("a read on an unplugged line succeeded")
        } catch {
            #expect(error.code == "DEVICE_VANISHED")
        }
        await bench.line.plugIn()
        try await Task.sleep(for: .milliseconds(80))
        #expect(try await controller.readDoorStates().count == 8)
        await bench.stop()
    }

    @Test func learnedStatusByteCountEndsQueryAllWithoutAQuietWait() async throws {
        // quietTime is long here: only the first query-all, whose length is not
        // known yet, may wait for it.
        let timing = BusTiming(interFrameGap: .zero, quietTime: .milliseconds(400))
        let bench = try await SimulatedBench([.board(.cuXor, 1, channels: 16)], timing: timing)
        let controller = CUXorLockController(
            bus: bench.bus, settings: bench.settings(address: 1, channels: 16, timeout: .seconds(2)))
        let clock = ContinuousClock()
        let first = try await clock.measure { _ = try await controller.readDoorStates() }
        let second = try await clock.measure { _ = try await controller.readDoorStates() }
        #expect(first >= .milliseconds(400))
        #expect(second < .milliseconds(300))
        await bench.stop()
    }
}
