import HarborBridge
import HarborDrivers
import Synchronization
import Testing

@Suite("Controller factory")
struct ControllerFactoryTests {
    typealias F = HardwareFixtures

    @Test("a serial board whose device is missing is created, then offline after a poll")
    func serialWithMissingDevice() async throws {
        let events = HardwareEventLog()
        let runtime = HardwareRuntime(factory: F.factory(), events: events.sink)
        let status = await runtime.add(
            controller: F.serial(1, device: "/dev/harbor-test-no-such-adapter"), lockers: F.lockers(10, count: 4, on: 1))
        #expect(status.channelCount == 4)
        #expect(status.contacted == false)
        #expect(events.all.isEmpty)

        await runtime.pollOnce(controllerId: 1)
        let polled = try #require(await runtime.status(controllerId: 1))
        #expect(polled.online == false)
        #expect(polled.lastError?.code == "DEVICE_NOT_FOUND")
        #expect(polled.counters.transportFailures == 1)
        #expect(events.offlineEvents.count == 1)
        await #expect(throws: HardwareError.self) { try await runtime.open(lockerId: 10) }
        #expect(await runtime.unavailableLockerIds() == [10, 11, 12, 13])
        await runtime.shutdown()
    }

    @Test("a TCP bridge that refuses the connection is offline after a poll")
    func tcpRefused() async throws {
        let port = F.refusedPort()
        let record = ControllerRecord(
            id: 2, name: "bridge", kind: "tcp", boardProtocol: "kerong-cu16", host: "127.0.0.1", port: port, address: 0)
        let runtime = HardwareRuntime(factory: F.factory())
        await runtime.add(controller: record, lockers: F.lockers(20, count: 2, on: 2))
        await runtime.pollOnce(controllerId: 2)
        let status = try #require(await runtime.status(controllerId: 2))
        #expect(status.online == false)
        #expect(status.lastError?.code == "CONTROLLER_UNREACHABLE")
        #expect(await runtime.doorState(lockerId: 20) == .unknown)
        await runtime.shutdown()
    }

    @Test("a GPIO relay bank pulses its relay and reads its door switches")
    func gpioOnSimulatedChip() async throws {
        let chip = SimulatedGPIOChip(lineCount: 28)
        let runtime = HardwareRuntime(factory: F.factory(openChip: { _ throws(GPIOError) in chip }))
        await runtime.add(
            controller: F.gpio(3, lines: ["GPIO5", "GPIO6"], doorLines: ["GPIO20", "GPIO21"]),
            lockers: F.lockers(30, count: 2, on: 3))
        // Door 1's switch pulls its input low (closed); door 2's floats high (open).
        chip.drive(.name("GPIO20"), high: false)

        await runtime.pollOnce(controllerId: 3)
        #expect(await runtime.status(controllerId: 3)?.online == true)
        #expect(await runtime.doorState(lockerId: 30) == .closed)
        #expect(await runtime.doorState(lockerId: 31) == .open)

        _ = try await runtime.open(lockerId: 31)
        let pulses = chip.writes.filter { $0.name == "GPIO6" }.map(\.active)
        #expect(pulses.suffix(2) == [true, false])
        #expect(chip.writes.contains { $0.name == "GPIO5" && $0.active } == false)
        await runtime.shutdown()
    }

    @Test("a GPIO chip that cannot be opened keeps the bank offline until a poll finds it")
    func gpioChipMissingThenFound() async throws {
        let chip = SimulatedGPIOChip(lineCount: 8)
        let present = Mutex(false)
        let events = HardwareEventLog()
        let factory = F.factory(openChip: { selector throws(GPIOError) in
            guard present.withLock({ $0 }) else { throw GPIOError.chipNotFound(selector.description) }
            return chip
        })
        let runtime = HardwareRuntime(factory: factory, events: events.sink)
        let status = await runtime.add(controller: F.gpio(4, lines: ["GPIO1"]), lockers: F.lockers(40, count: 1, on: 4))
        #expect(status.online == false)
        #expect(status.lastError?.code == "CONTROLLER_UNREACHABLE")
        #expect(events.all == [.controllerOffline(
            controllerId: 4, code: "CONTROLLER_UNREACHABLE", message: status.lastError?.message ?? "")])
        await #expect(throws: HardwareError.unreachable(
            GPIOError.chipNotFound("chip gpiochip0").description, cause: "GPIO_CHIP_NOT_FOUND")) {
            try await runtime.open(lockerId: 40)
        }

        await runtime.pollOnce(controllerId: 4)
        #expect(events.offlineEvents.count == 1)
        present.withLock { $0 = true }
        await runtime.pollOnce(controllerId: 4)
        #expect(await runtime.status(controllerId: 4)?.online == true)
        #expect(events.count(.controllerOnline(controllerId: 4)) == 1)
        #expect(await runtime.isOperational(lockerId: 40))
        _ = try await runtime.open(lockerId: 40)
        #expect(chip.writes.contains { $0.name == "GPIO1" && $0.active })
    }

    @Test("a simulated controller's open crosses the CU codec and bus to the simulated board")
    func simulatedOpenReachesTheBoard() async throws {
        let runtime = HardwareRuntime(factory: F.factory())
        await runtime.add(controller: F.simulated(5), lockers: F.lockers(50, count: 8, on: 5))
        let line = try #require(await runtime.simulatedLine(controllerId: 5))
        #expect(await line.fireCount(address: 1, channel: 6) == 0)

        let outcome = try await runtime.open(lockerId: 55)
        #expect(outcome == OpenOutcome(channel: 6, doorState: .open))
        #expect(await line.fireCount(address: 1, channel: 6) == 1)
        #expect(line.hostTransport.writtenFrames.contains(try CUXorCodec.encode(.open(board: 1, lock: 6))))
        await runtime.shutdown()
    }

    @Test("records that make no sense are INVALID_CONTROLLER and never built", arguments: [
        ControllerRecord(id: 1, name: "x", kind: "gpio", boardProtocol: "cu-xor", chip: "gpiochip0", lines: ["1"]),
        ControllerRecord(id: 1, name: "x", kind: "serial", boardProtocol: "cu-xor", address: 1),
        ControllerRecord(id: 1, name: "x", kind: "serial", boardProtocol: "gpio-relay", device: "/dev/ttyUSB0", address: 1),
        ControllerRecord(id: 1, name: "x", kind: "serial", boardProtocol: "cu-xor", device: "/dev/ttyUSB0", address: 40),
        ControllerRecord(id: 1, name: "x", kind: "serial", boardProtocol: "cu-xor", device: "/dev/ttyUSB0"),
        ControllerRecord(id: 1, name: "x", kind: "tcp", boardProtocol: "modbus-relay", host: "10.0.0.5", port: 0, address: 1),
        ControllerRecord(id: 1, name: "x", kind: "gpio", boardProtocol: "gpio-relay", chip: "gpiochip0", lines: []),
        ControllerRecord(id: 1, name: "x", kind: "simulated", boardProtocol: "simulated", pulseMs: 0),
        ControllerRecord(id: 1, name: "x", kind: "simulated", boardProtocol: "simulated", feedbackPolarity: "sideways"),
        ControllerRecord(id: 1, name: "x", kind: "usb", boardProtocol: "cu-xor"),
    ])
    func invalidRecords(record: ControllerRecord) async throws {
        let chipOpens = Mutex(0)
        let factory = F.factory(openChip: { _ throws(GPIOError) in
            chipOpens.withLock { $0 += 1 }
            return SimulatedGPIOChip(lineCount: 4)
        })
        let runtime = HardwareRuntime(factory: factory)
        let status = await runtime.add(controller: record, lockers: F.lockers(1, count: 2, on: 1))
        #expect(status.lastError?.code == "INVALID_CONTROLLER")
        await runtime.pollOnce(controllerId: 1)
        #expect(chipOpens.withLock { $0 } == 0)
        await #expect(throws: HardwareError.self) { try await runtime.open(lockerId: 1) }
        #expect(await runtime.isOperational(lockerId: 1) == false)
    }

    @Test("a serial record without a baud rate takes its protocol's, and its lockers' channel count")
    func serialBlueprintDefaults() throws {
        let kerong = try ControllerBlueprint(
            record: F.serial(1, device: "/dev/ttyUSB0", boardProtocol: "kerong-cu16", address: 3), channelCount: 12)
        guard case let .board(boardProtocol, endpoint, settings) = kerong else {
            Issue.record("expected a board, got \(kerong)")
            return
        }
        #expect(boardProtocol == .kerongCU16)
        #expect(endpoint == .serial(path: "/dev/ttyUSB0", baudRate: 19200))
        #expect(settings.address == 3)
        #expect(settings.channelCount == 12)

        var record = F.serial(2, device: "/dev/ttyUSB1")
        record.baudRate = 38400
        record.pulseMs = 250
        record.feedbackPolarity = "set-open"
        guard case let .board(_, endpoint2, settings2) = try ControllerBlueprint(record: record, channelCount: 4) else {
            Issue.record("expected a board")
            return
        }
        #expect(endpoint2 == .serial(path: "/dev/ttyUSB1", baudRate: 38400))
        // A CU XOR board times its own pulse: the record's pulse is not its setting.
        #expect(settings2.pulse == BoardTimeouts().defaultPulse)
        #expect(settings2.polarity == .setMeansOpen)

        var relays = F.serial(3, device: "/dev/ttyUSB2")
        relays.boardProtocol = "modbus-relay"
        relays.pulseMs = 250
        guard case let .board(_, _, relaySettings) = try ControllerBlueprint(record: relays, channelCount: 4) else {
            Issue.record("expected a board")
            return
        }
        #expect(relaySettings.pulse == .milliseconds(250))
        let defaulted = try ControllerBlueprint(
            record: { var plain = relays; plain.pulseMs = nil; return plain }(), channelCount: 4,
            timeouts: BoardTimeouts(defaultPulse: .milliseconds(900)))
        guard case let .board(_, _, defaultedSettings) = defaulted else {
            Issue.record("expected a board")
            return
        }
        #expect(defaultedSettings.pulse == .milliseconds(900))
    }

    @Test("a GPIO record becomes a relay configuration with its selectors")
    func gpioBlueprint() throws {
        var record = F.gpio(1, lines: ["GPIO17", "27"], doorLines: ["GPIO22"], pulseMs: 300)
        record.chip = "pinctrl-rp1"
        record.activeLow = true
        let blueprint = try ControllerBlueprint(record: record, channelCount: 0)
        #expect(blueprint == .gpio(GPIORelayConfiguration(
            chip: .label("pinctrl-rp1"), lines: [.name("GPIO17"), .offset(27)], doorLines: [.name("GPIO22")],
            activeLow: true, pulse: .milliseconds(300))))
    }
}
