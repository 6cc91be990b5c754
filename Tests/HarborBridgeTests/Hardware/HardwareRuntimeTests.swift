import HarborBridge
import HarborDrivers
import Testing

@Suite("Hardware runtime")
struct HardwareRuntimeTests {
    typealias F = HardwareFixtures

    @Test("an open goes to the controller and channel the locker records name")
    func openRoutesByPlacement() async throws {
        let runtime = HardwareRuntime(factory: F.factory())
        // Deliberately no formula: ids, controllers and channels are scattered.
        let lockers = [
            F.locker(101, on: 10, channel: 3), F.locker(102, on: 20, channel: 1),
            F.locker(103, on: 10, channel: 1), F.locker(104, on: 20, channel: 2),
        ]
        await runtime.load(controllers: [F.simulated(10), F.simulated(20, address: 7)], lockers: lockers)
        let line10 = try #require(await runtime.simulatedLine(controllerId: 10))
        let line20 = try #require(await runtime.simulatedLine(controllerId: 20))

        #expect(try await runtime.open(lockerId: 101).channel == 3)
        #expect(try await runtime.open(lockerId: 104).channel == 2)
        #expect(await line10.fireCount(address: 1, channel: 3) == 1)
        #expect(await line10.fireCount(address: 1, channel: 1) == 0)
        #expect(await line20.fireCount(address: 7, channel: 2) == 1)
        #expect(await line20.fireCount(address: 7, channel: 1) == 0)
        #expect(await runtime.doorState(lockerId: 101) == .open)
        #expect(await runtime.placement(lockerId: 103) == HardwarePlacement(controllerId: 10, channel: 1))
        #expect(await runtime.status(controllerId: 10)?.counters.opens == 1)
        #expect(await runtime.status(controllerId: 10)?.online == true)
        await #expect(throws: HardwareError.lockerNotFound(999)) { try await runtime.open(lockerId: 999) }
        await runtime.shutdown()
    }

    @Test("a silent controller goes offline with its doors unknown and comes back, each transition once")
    func silentControllerRecovers() async throws {
        let events = HardwareEventLog()
        let runtime = HardwareRuntime(factory: F.factory(query: .milliseconds(1500)), events: events.sink)
        await runtime.add(controller: F.simulated(1), lockers: F.lockers(1, count: 3, on: 1))
        let line = try #require(await runtime.simulatedLine(controllerId: 1))

        await runtime.pollOnce(controllerId: 1)
        #expect(await runtime.doorState(lockerId: 2) == .closed)
        #expect(await runtime.isOperational(lockerId: 2))
        #expect(events.all == [.controllerOnline(controllerId: 1)])

        await line.stop()
        await runtime.pollOnce(controllerId: 1)
        await runtime.pollOnce(controllerId: 1)
        let offline = try #require(await runtime.status(controllerId: 1))
        #expect(offline.online == false)
        #expect(offline.lastError?.code == "HARDWARE_TIMEOUT")
        #expect(offline.counters.timeouts == 2)
        #expect(await runtime.doorStates() == [1: .unknown, 2: .unknown, 3: .unknown])
        #expect(await runtime.unavailableLockerIds() == [1, 2, 3])
        #expect(events.offlineEvents.count == 1)

        await line.start()
        await runtime.pollOnce(controllerId: 1)
        await runtime.pollOnce(controllerId: 1)
        #expect(await runtime.status(controllerId: 1)?.online == true)
        #expect(await runtime.doorState(lockerId: 2) == .closed)
        #expect(await runtime.unavailableLockerIds().isEmpty)
        #expect(events.count(.controllerOnline(controllerId: 1)) == 2)
        #expect(events.offlineEvents.count == 1)
        await runtime.shutdown()
    }

    @Test("an unplugged adapter takes its controller offline until it is plugged back in")
    func unpluggedAdapterComesBack() async throws {
        let events = HardwareEventLog()
        let runtime = HardwareRuntime(factory: F.factory(), events: events.sink)
        await runtime.add(controller: F.simulated(1), lockers: F.lockers(1, count: 2, on: 1))
        let line = try #require(await runtime.simulatedLine(controllerId: 1))
        await runtime.pollOnce(controllerId: 1)

        await line.unplug()
        await runtime.pollOnce(controllerId: 1)
        let unplugged = try #require(await runtime.status(controllerId: 1))
        #expect(unplugged.online == false)
        #expect(unplugged.counters.transportFailures >= 1)
        #expect(["CONTROLLER_UNREACHABLE", "DEVICE_NOT_FOUND"].contains(unplugged.lastError?.code ?? ""))
        #expect(await runtime.doorState(lockerId: 1) == .unknown)

        await line.plugIn()
        // The bus reopens the device on a later request, once its reopen backoff has passed.
        #expect(await F.waitUntil {
            await runtime.pollOnce(controllerId: 1)
            return await runtime.status(controllerId: 1)?.online == true
        })
        #expect(await runtime.doorState(lockerId: 1) == .closed)
        #expect(events.offlineEvents.count == 1)
        #expect(events.count(.controllerOnline(controllerId: 1)) == 2)
        await runtime.shutdown()
    }

    @Test("a lost unlock reply is HARDWARE_TIMEOUT with the outcome unknown, sent once and never retried")
    func lostUnlockReply() async throws {
        let runtime = HardwareRuntime(factory: F.factory(unlock: .milliseconds(500), faults: SimulatorFaults(silentAddresses: [1])))
        await runtime.add(controller: F.simulated(1), lockers: F.lockers(1, count: 2, on: 1))
        let line = try #require(await runtime.simulatedLine(controllerId: 1))

        await #expect(throws: HardwareError.timeout(outcomeUnknown: true)) { try await runtime.open(lockerId: 2) }
        #expect(await line.fireCount(address: 1, channel: 2) == 1)
        let status = try #require(await runtime.status(controllerId: 1))
        #expect(status.counters.timeouts == 1)
        #expect(status.faulted)
        #expect(await runtime.doorState(lockerId: 2) == .unknown)
        #expect(await runtime.isOperational(lockerId: 1) == false)
        await runtime.shutdown()
    }

    @Test("a board answering with broken frames stays reachable but faulted, its doors unknown")
    func badRepliesFaultTheBoard() async throws {
        let events = HardwareEventLog()
        let runtime = HardwareRuntime(factory: F.factory(faults: SimulatorFaults(corruptChecksums: true)), events: events.sink)
        // A fixed-length status reply, so the broken checksum shows at once.
        let board = ControllerRecord(id: 1, name: "kerong", kind: "simulated", boardProtocol: "kerong-cu16", address: 0)
        await runtime.add(controller: board, lockers: F.lockers(1, count: 2, on: 1))
        await runtime.pollOnce(controllerId: 1)

        let status = try #require(await runtime.status(controllerId: 1))
        #expect(status.lastError?.code == "HARDWARE_BAD_REPLY")
        #expect(status.counters.badReplies == 1)
        #expect(status.faulted)
        #expect(await runtime.doorState(lockerId: 1) == .unknown)
        #expect(await runtime.unavailableLockerIds() == [1, 2])
        #expect(events.offlineEvents.isEmpty)
        await runtime.shutdown()
    }

    @Test("a door changed by hand is reported once, from its last known state")
    func doorChangeReportedOnce() async throws {
        let events = HardwareEventLog()
        let runtime = HardwareRuntime(factory: F.factory(), events: events.sink)
        await runtime.add(controller: F.simulated(1), lockers: F.lockers(1, count: 2, on: 1))
        let line = try #require(await runtime.simulatedLine(controllerId: 1))
        await runtime.pollOnce(controllerId: 1)

        await line.setDoor(address: 1, channel: 2, open: true)
        await runtime.pollOnce(controllerId: 1)
        await runtime.pollOnce(controllerId: 1)
        #expect(events.all == [
            .controllerOnline(controllerId: 1),
            .doorChanged(lockerId: 2, from: .closed, to: .open),
        ])
        #expect(await runtime.doorState(lockerId: 2) == .open)
        await runtime.shutdown()
    }

    @Test("a silent controller's unlock does not hold up another controller's")
    func slowControllerDoesNotBlockOthers() async throws {
        let runtime = HardwareRuntime(factory: F.factory(unlock: .seconds(3), faults: SimulatorFaults(silentAddresses: [1])))
        await runtime.load(
            controllers: [F.simulated(1), F.simulated(2, address: 2)],
            lockers: F.lockers(1, count: 2, on: 1) + F.lockers(11, count: 2, on: 2))
        let silent = Task { try await runtime.open(lockerId: 1) }
        try await Task.sleep(for: .milliseconds(100))

        let clock = ContinuousClock()
        let elapsed = try await clock.measure { _ = try await runtime.open(lockerId: 11) }
        #expect(elapsed < .seconds(2))
        #expect(await runtime.status(controllerId: 1)?.counters.timeouts == 0)
        await #expect(throws: HardwareError.timeout(outcomeUnknown: true)) { try await silent.value }
        await runtime.shutdown()
    }

    @Test("removing, replacing and re-placing controllers changes where opens go")
    func reconfiguration() async throws {
        let runtime = HardwareRuntime(factory: F.factory())
        await runtime.load(controllers: [F.simulated(1)], lockers: F.lockers(1, count: 2, on: 1))
        #expect(await runtime.status(controllerId: 1)?.channelCount == 2)
        await runtime.pollOnce(controllerId: 1)

        // More lockers on the board: it is rebuilt with the new channel count and
        // stays known to be online.
        await runtime.updatePlacements(lockers: F.lockers(1, count: 4, on: 1))
        #expect(await runtime.status(controllerId: 1)?.channelCount == 4)
        #expect(await runtime.status(controllerId: 1)?.lockerCount == 4)
        #expect(await runtime.isOperational(lockerId: 4))
        _ = try await runtime.open(lockerId: 4)
        #expect(await runtime.status(controllerId: 1)?.counters.doorReads == 1)

        // The failed board's lockers move to its replacement.
        await runtime.replace(controllerId: 1, with: F.simulated(2, address: 3), lockers: F.lockers(1, count: 4, on: 2))
        #expect(await runtime.controllerIds == [2])
        _ = try await runtime.open(lockerId: 3)
        let replacement = try #require(await runtime.simulatedLine(controllerId: 2))
        #expect(await replacement.fireCount(address: 3, channel: 3) == 1)

        await runtime.remove(controllerId: 2)
        #expect(await runtime.controllerIds.isEmpty)
        await #expect(throws: HardwareError.lockerNotFound(3)) { try await runtime.open(lockerId: 3) }
        #expect(await runtime.doorStates().isEmpty)
    }

    @Test("a locker on a channel its controller lacks is never operational")
    func channelOutOfRange() async throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let runtime = HardwareRuntime(factory: F.factory(openChip: { _ throws(GPIOError) in chip }))
        await runtime.add(
            controller: F.gpio(1, lines: ["GPIO0", "GPIO1"]),
            lockers: [F.locker(1, on: 1, channel: 1), F.locker(2, on: 1, channel: 3)])
        await runtime.pollOnce(controllerId: 1)
        #expect(await runtime.isOperational(lockerId: 1))
        #expect(await runtime.isOperational(lockerId: 2) == false)
        await #expect(throws: HardwareError.channelOutOfRange(channel: 3, channelCount: 2)) {
            try await runtime.open(lockerId: 2)
        }
    }
}
