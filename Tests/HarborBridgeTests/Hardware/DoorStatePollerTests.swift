import HarborBridge
import HarborDrivers
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Door state poller")
struct DoorStatePollerTests {
    typealias F = HardwareFixtures

    /// Controller 1 is silent (its line stopped), controller 2 answers.
    private func cabinetWithSilentBoard(query: Duration) async throws -> HardwareRuntime {
        let runtime = HardwareRuntime(factory: F.factory(query: query))
        await runtime.load(
            controllers: [F.simulated(1), F.simulated(2, address: 2)],
            lockers: F.lockers(1, count: 2, on: 1) + F.lockers(11, count: 2, on: 2))
        try await #require(runtime.simulatedLine(controllerId: 1)).stop()
        return runtime
    }

    @Test("a silent controller waiting out a 1 s timeout does not slow the others' polls")
    func silentControllerDoesNotDelayOthers() async throws {
        let runtime = try await cabinetWithSilentBoard(query: .seconds(1))
        let poller = DoorStatePoller(runtime: runtime, interval: { .milliseconds(50) })
        let running = Task { await poller.run() }
        try await Task.sleep(for: .milliseconds(2500))
        running.cancel()
        await running.value

        let silent = try #require(await runtime.status(controllerId: 1))
        let answering = try #require(await runtime.status(controllerId: 2))
        #expect(silent.online == false)
        #expect(silent.counters.timeouts <= 3)
        #expect(answering.online)
        // Unhindered, up to 2.5 s / 50 ms polls; held up behind controller 1, at most 3.
        #expect(answering.counters.doorReads >= 8)
        #expect(await runtime.doorState(lockerId: 1) == .unknown)
        #expect(await runtime.doorState(lockerId: 11) == .closed)
        await runtime.shutdown()
    }

    @Test("a changed interval takes effect without a restart")
    func intervalChangesLive() async throws {
        let runtime = HardwareRuntime(factory: F.factory())
        await runtime.add(controller: F.simulated(1), lockers: F.lockers(1, count: 2, on: 1))
        let interval = Mutex<Duration>(.seconds(30))
        let poller = DoorStatePoller(runtime: runtime, interval: { interval.withLock { $0 } })
        let running = Task { await poller.run() }

        #expect(await F.waitUntil { await runtime.status(controllerId: 1)?.counters.doorReads == 1 })
        try await Task.sleep(for: .milliseconds(300))
        #expect(await runtime.status(controllerId: 1)?.counters.doorReads == 1)

        interval.withLock { $0 = .milliseconds(20) }
        #expect(await F.waitUntil { (await runtime.status(controllerId: 1)?.counters.doorReads ?? 0) >= 6 })
        running.cancel()
        await running.value
        await runtime.shutdown()
    }

    @Test("cancelling the poller stops it at once, even during a poll waiting for its timeout")
    func stopsPromptlyWhenCancelled() async throws {
        let runtime = try await cabinetWithSilentBoard(query: .seconds(10))
        let poller = DoorStatePoller(runtime: runtime, interval: { .milliseconds(50) })
        let running = Task { await poller.run() }
        try await Task.sleep(for: .milliseconds(300))

        let clock = ContinuousClock()
        let stopping = clock.now
        running.cancel()
        await running.value
        #expect(clock.now - stopping < .seconds(2), "a poll waits 10 s for the silent board; stopping must not wait it out")
    }

    @Test("a graceful shutdown of the service group stops the poller promptly")
    func stopsOnGracefulShutdown() async throws {
        let runtime = try await cabinetWithSilentBoard(query: .seconds(10))
        let poller = DoorStatePoller(runtime: runtime, interval: { .milliseconds(50) })
        let group = ServiceGroup(configuration: .init(services: [poller], logger: Logger(label: "poller-test")))
        let running = Task { try await group.run() }
        try await Task.sleep(for: .milliseconds(300))

        let clock = ContinuousClock()
        let stopping = clock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(clock.now - stopping < .seconds(2), "a poll waits 10 s for the silent board; stopping must not wait it out")
    }

    @Test("controllers added while it runs are polled; removed ones are let go")
    func picksUpAddedControllers() async throws {
        let runtime = HardwareRuntime(factory: F.factory())
        let poller = DoorStatePoller(runtime: runtime, interval: { .milliseconds(50) })
        let running = Task { await poller.run() }

        await runtime.add(controller: F.simulated(7), lockers: F.lockers(70, count: 2, on: 7))
        #expect(await F.waitUntil { await runtime.status(controllerId: 7)?.online == true })
        #expect(await runtime.doorState(lockerId: 70) == .closed)

        await runtime.remove(controllerId: 7)
        await runtime.add(controller: F.simulated(8), lockers: F.lockers(80, count: 1, on: 8))
        #expect(await F.waitUntil { (await runtime.status(controllerId: 8)?.counters.doorReads ?? 0) >= 2 })
        #expect(await runtime.controllerIds == [8])
        running.cancel()
        await running.value
        await runtime.shutdown()
    }
}
