import HarborSystemd
import Testing

@Suite struct SystemdSupervisorTests {
    @Test func readyCarriesTheFirstStatusAndIsSentOnce() async throws {
        let receiver = try NotifyReceiver()
        let supervisor = SystemdSupervisor(notifier: receiver.notifier, watchdog: nil)
        #expect(!supervisor.isReady)
        try supervisor.ready(status: "serving 8 lockers")
        #expect(supervisor.isReady)
        #expect(await receiver.next() == "READY=1\nSTATUS=serving 8 lockers")
        try supervisor.ready(status: "serving 9 lockers")
        #expect(await receiver.next() == "STATUS=serving 9 lockers")
    }

    @Test func aStatusIsSentOnlyWhenItChanges() async throws {
        let receiver = try NotifyReceiver()
        let supervisor = SystemdSupervisor(notifier: receiver.notifier, watchdog: nil)
        try supervisor.status("1/2 controllers online")
        try supervisor.status("1/2 controllers online")
        try supervisor.status("2/2 controllers online")
        #expect(await receiver.next() == "STATUS=1/2 controllers online")
        #expect(await receiver.next() == "STATUS=2/2 controllers online")
        #expect(await receiver.next(within: .milliseconds(100)) == nil)
    }

    @Test func stoppingIsSentOnce() async throws {
        let receiver = try NotifyReceiver()
        let supervisor = SystemdSupervisor(notifier: receiver.notifier, watchdog: nil)
        try supervisor.stopping()
        try supervisor.stopping()
        #expect(await receiver.next() == "STOPPING=1")
        #expect(await receiver.next(within: .milliseconds(100)) == nil)
    }

    @Test func theWatchdogIsFedOnlyAfterReady() async throws {
        let receiver = try NotifyReceiver(abstract: true)
        let supervisor = SystemdSupervisor(
            notifier: receiver.notifier, watchdog: WatchdogSettings(timeout: .milliseconds(200)))
        let feeding = Task { await supervisor.feedWatchdog(isAlive: { true }) }
        // systemd arms the watchdog at READY=1, so nothing may come before it.
        #expect(await receiver.next(within: .milliseconds(300)) == nil)
        try supervisor.ready(status: "up")
        #expect(await receiver.next() == "READY=1\nSTATUS=up")
        #expect(await receiver.next() == "WATCHDOG=1")
        #expect(await receiver.next() == "WATCHDOG=1")
        feeding.cancel()
        await feeding.value
    }

    @Test func feedingEndsWhenCancelledBeforeReady() async {
        let supervisor = SystemdSupervisor(
            notifier: SystemdNotifier(environment: { _ in nil }), watchdog: WatchdogSettings(timeout: .seconds(1)))
        let feeding = Task { await supervisor.feedWatchdog(isAlive: { true }) }
        try? await Task.sleep(for: .milliseconds(50))
        feeding.cancel()
        await feeding.value
        #expect(!supervisor.isReady)
    }

    @Test func withoutAWatchdogFeedingReturnsAtOnce() async {
        let supervisor = SystemdSupervisor(notifier: SystemdNotifier(environment: { _ in nil }), watchdog: nil)
        await supervisor.feedWatchdog(isAlive: { true })
    }
}
