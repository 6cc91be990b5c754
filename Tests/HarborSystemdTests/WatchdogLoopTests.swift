import HarborSystemd
import Synchronization
import Testing

/// Every event a watchdog loop reported, for the test to read.
final class WatchdogEvents: Sendable {
    private let events = Mutex<[WatchdogEvent]>([])

    var all: [WatchdogEvent] { events.withLock { $0 } }

    func record(_ event: WatchdogEvent) { events.withLock { $0.append(event) } }

    /// Waits until `count` events of the kind `matching` were reported, or `limit` passed.
    func wait(for count: Int, within limit: Duration = .seconds(5), matching: (WatchdogEvent) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if all.filter(matching).count >= count { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

@Suite struct WatchdogLoopTests {
    @Test func pingsWhileTheServiceProvesAlive() async throws {
        let receiver = try NotifyReceiver()
        let checks = Mutex(0)
        let loop = WatchdogLoop(
            interval: .milliseconds(50), livenessTimeout: .seconds(2), notifier: receiver.notifier,
            isAlive: { checks.withLock { $0 += 1 }; return true })
        let running = Task { await loop.run() }
        #expect(await receiver.next() == "WATCHDOG=1")
        #expect(await receiver.next() == "WATCHDOG=1")
        running.cancel()
        await running.value
        // Each ping followed its own check; none was sent on a timer alone.
        #expect(checks.withLock { $0 } >= 2)
    }

    @Test func aFailedCheckSendsNoPing() async throws {
        let receiver = try NotifyReceiver()
        let events = WatchdogEvents()
        let loop = WatchdogLoop(
            interval: .milliseconds(50), livenessTimeout: .seconds(2), notifier: receiver.notifier,
            isAlive: { false }, report: events.record)
        let running = Task { await loop.run() }
        #expect(await events.wait(for: 3) { $0 == .missed(.failed) })
        running.cancel()
        await running.value
        #expect(receiver.drain().isEmpty)
        #expect(!events.all.contains(.pinged))
    }

    @Test func aHungServiceStopsPinging() async throws {
        let receiver = try NotifyReceiver()
        let events = WatchdogEvents()
        let hung = Mutex(false)
        let loop = WatchdogLoop(
            interval: .milliseconds(100), livenessTimeout: .milliseconds(50), notifier: receiver.notifier,
            isAlive: {
                // Healthy until it hangs, like an actor stuck behind a call that never returns.
                guard hung.withLock({ $0 }) else { return true }
                try? await Task.sleep(for: .seconds(3600))
                return true
            },
            report: events.record)
        let running = Task { await loop.run() }
        #expect(await receiver.next() == "WATCHDOG=1")
        hung.withLock { $0 = true }
        #expect(await events.wait(for: 2) { $0 == .missed(.timedOut) })
        let pingsBefore = events.all.filter { $0 == .pinged }.count
        #expect(await events.wait(for: 4) { $0 == .missed(.timedOut) })
        #expect(events.all.filter { $0 == .pinged }.count == pingsBefore)
        running.cancel()
        await running.value
    }

    @Test func aPingThatCannotBeSentIsReported() async {
        let events = WatchdogEvents()
        let notifier = SystemdNotifier(environment: { _ in "/tmp/harbor-notify-nobody.sock" })
        let loop = WatchdogLoop(
            interval: .milliseconds(50), livenessTimeout: .seconds(2), notifier: notifier,
            isAlive: { true }, report: events.record)
        let running = Task { await loop.run() }
        #expect(await events.wait(for: 1) { if case .pingFailed = $0 { true } else { false } })
        running.cancel()
        await running.value
    }

    @Test func cancellationEndsALoopWaitingOnAHungCheck() async {
        let loop = WatchdogLoop(
            interval: .seconds(60), livenessTimeout: .seconds(60), notifier: SystemdNotifier(environment: { _ in nil }),
            isAlive: {
                try? await Task.sleep(for: .seconds(3600))
                return true
            })
        let running = Task { await loop.run() }
        try? await Task.sleep(for: .milliseconds(50))
        let start = ContinuousClock.now
        running.cancel()
        await running.value
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
