import HarborSystemd
import Testing

@Suite struct WatchdogSettingsTests {
    private func settings(_ variables: [String: String], pid: Int32 = 4242) throws(WatchdogSettingsError) -> WatchdogSettings? {
        try WatchdogSettings.fromEnvironment({ variables[$0] }, processId: pid)
    }

    @Test func noWatchdogWithoutTheVariable() throws {
        #expect(try settings([:]) == nil)
    }

    @Test func pingsAtHalfTheTimeout() throws {
        let watchdog = try #require(try settings(["WATCHDOG_USEC": "30000000"]))
        #expect(watchdog.timeout == .seconds(30))
        #expect(watchdog.pingInterval == .seconds(15))
        #expect(watchdog.livenessTimeout == .milliseconds(7500))
    }

    @Test func theWatchdogOfAnotherProcessIsNotOurs() throws {
        #expect(try settings(["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "17"]) == nil)
        #expect(try settings(["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "4242"])?.pingInterval == .milliseconds(200))
    }

    @Test func nonsenseIsAnError() {
        #expect(throws: WatchdogSettingsError.invalidTimeout("0")) { try settings(["WATCHDOG_USEC": "0"]) }
        #expect(throws: WatchdogSettingsError.invalidTimeout("soon")) { try settings(["WATCHDOG_USEC": "soon"]) }
        #expect(throws: WatchdogSettingsError.invalidProcessId("me")) {
            try settings(["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "me"])
        }
        #expect(WatchdogSettingsError.invalidTimeout("0").code == "WATCHDOG_USEC_INVALID")
        #expect(WatchdogSettingsError.invalidProcessId("me").code == "WATCHDOG_PID_INVALID")
    }
}
