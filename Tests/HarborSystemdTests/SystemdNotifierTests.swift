import Glibc
import HarborSystemd
import Testing

@Suite struct SystemdNotifierTests {
    @Test func sendsOneDatagramToASocketPath() async throws {
        let receiver = try NotifyReceiver()
        try receiver.notifier.send(.ready, .status("serving 8 lockers"))
        #expect(await receiver.next() == "READY=1\nSTATUS=serving 8 lockers")
        try receiver.notifier.send(.watchdog)
        #expect(await receiver.next() == "WATCHDOG=1")
    }

    @Test func sendsToAnAbstractSocket() async throws {
        let receiver = try NotifyReceiver(abstract: true)
        #expect(receiver.socketName.hasPrefix("@"))
        try receiver.notifier.send(.stopping)
        #expect(await receiver.next() == "STOPPING=1")
    }

    @Test func doesNothingOutsideSystemd() throws {
        let notifier = SystemdNotifier(environment: { _ in nil })
        #expect(!notifier.isActive)
        try notifier.send(.ready)
        #expect(!SystemdNotifier(environment: { _ in "" }).isActive)
    }

    @Test func anUnusableAddressIsAnErrorOnEverySend() {
        let notifier = SystemdNotifier(environment: { _ in "relative/notify" })
        #expect(notifier.isActive)
        #expect(throws: NotifyError.unsupportedAddress("relative/notify")) { try notifier.send(.ready) }
    }

    @Test func aMissingReceiverIsAnErrorValue() {
        let notifier = SystemdNotifier(environment: { _ in "/tmp/harbor-notify-nobody-\(getpid()).sock" })
        #expect(throws: NotifyError.sendFailed(errno: ENOENT)) { try notifier.send(.watchdog) }
    }

    @Test func aFullReceiverQueueFailsInsteadOfBlocking() throws {
        let receiver = try NotifyReceiver()
        var failure: NotifyError?
        for _ in 0..<10_000 where failure == nil {
            do { try receiver.notifier.send(.watchdog) } catch { failure = error }
        }
        #expect(failure == .sendFailed(errno: EAGAIN))
    }
}
