import Glibc
import HarborSystemd
import Testing

@Suite struct NotifyMessageTests {
    @Test func statesBecomeTheAssignmentsSystemdReads() {
        #expect(NotifyState.ready.line == "READY=1")
        #expect(NotifyState.watchdog.line == "WATCHDOG=1")
        #expect(NotifyState.stopping.line == "STOPPING=1")
        #expect(NotifyState.status("serving 32 lockers").line == "STATUS=serving 32 lockers")
        #expect(NotifyState.datagram([.ready, .status("up")]) == "READY=1\nSTATUS=up")
    }

    @Test func aLineBreakInAStatusCannotStartAnotherAssignment() {
        #expect(NotifyState.status("one\nREADY=1\r\nthree").line == "STATUS=one READY=1 three")
    }

    @Test func pathsAndAbstractNamesAreAddresses() throws {
        let path = try NotifySocketAddress("/run/systemd/notify")
        #expect(path.pathBytes == Array("/run/systemd/notify".utf8))
        #expect(!path.isAbstract)
        let abstract = try NotifySocketAddress("@harbor/notify")
        #expect(abstract.pathBytes == [0] + Array("harbor/notify".utf8))
        #expect(abstract.isAbstract)
    }

    @Test func otherNotationsAreRefused() {
        #expect(throws: NotifyError.unsupportedAddress("run/notify")) { try NotifySocketAddress("run/notify") }
        #expect(throws: NotifyError.unsupportedAddress("@")) { try NotifySocketAddress("@") }
        #expect(throws: NotifyError.unsupportedAddress("vsock:2:1234")) { try NotifySocketAddress("vsock:2:1234") }
        let long = "/" + String(repeating: "x", count: 107)
        #expect(throws: NotifyError.addressTooLong(long)) { try NotifySocketAddress(long) }
        let longAbstract = "@" + String(repeating: "x", count: 108)
        #expect(throws: NotifyError.addressTooLong(longAbstract)) { try NotifySocketAddress(longAbstract) }
    }

    @Test func theLongestAbstractNameFitsExactly() throws {
        #expect(try NotifySocketAddress("@" + String(repeating: "x", count: 107)).pathBytes.count == 108)
    }

    @Test func codesAreStable() {
        #expect(NotifyError.unsupportedAddress("x").code == "NOTIFY_ADDRESS_UNSUPPORTED")
        #expect(NotifyError.addressTooLong("x").code == "NOTIFY_ADDRESS_TOO_LONG")
        #expect(NotifyError.socketUnavailable(errno: EMFILE).code == "NOTIFY_SOCKET_UNAVAILABLE")
        #expect(NotifyError.sendFailed(errno: ENOENT).code == "NOTIFY_SEND_FAILED")
    }
}
