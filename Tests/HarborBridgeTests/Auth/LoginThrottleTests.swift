import HarborBridge
import Testing

@Suite struct LoginThrottleTests {
    private func failures(_ count: Int, _ throttle: LoginThrottle, client: String = "10.0.0.7") throws {
        for _ in 0..<count { try throttle.admit(client) }
    }

    @Test func fiveFailuresBlockForThirtySecondsThenDoubling() throws {
        let clock = AuthTestClock()
        let throttle = LoginThrottle(now: { clock.instant })
        try failures(5, throttle)
        #expect(throws: AuthFailure.throttled(retryAfterSeconds: 30)) { try throttle.admit("10.0.0.7") }
        clock.advance(.seconds(30))
        try throttle.admit("10.0.0.7")
        #expect(throws: AuthFailure.throttled(retryAfterSeconds: 60)) { try throttle.admit("10.0.0.7") }
        for expected in [120, 240, 480, 900, 900] {
            clock.advance(.seconds(900))
            try throttle.admit("10.0.0.7")
            #expect(throws: AuthFailure.throttled(retryAfterSeconds: expected)) { try throttle.admit("10.0.0.7") }
        }
    }

    @Test func retryAfterRoundsUp() throws {
        let clock = AuthTestClock()
        let throttle = LoginThrottle(now: { clock.instant })
        try failures(5, throttle)
        clock.advance(.milliseconds(29_500))
        #expect(throws: AuthFailure.throttled(retryAfterSeconds: 1)) { try throttle.admit("10.0.0.7") }
    }

    @Test func aSuccessForgetsTheClient() throws {
        let clock = AuthTestClock()
        let throttle = LoginThrottle(now: { clock.instant })
        try failures(4, throttle)
        throttle.succeeded("10.0.0.7")
        #expect(throttle.trackedClients == 0)
        try failures(4, throttle)
        try throttle.admit("10.0.0.7")
        #expect(throws: AuthFailure.self) { try throttle.admit("10.0.0.7") }
    }

    @Test func failuresOutsideTheWindowStartAfresh() throws {
        let clock = AuthTestClock()
        let throttle = LoginThrottle(now: { clock.instant })
        try failures(4, throttle)
        clock.advance(.seconds(301))
        try failures(4, throttle)
        try throttle.admit("10.0.0.7")
        #expect(throws: AuthFailure.throttled(retryAfterSeconds: 30)) { try throttle.admit("10.0.0.7") }
    }

    @Test func clientsAreThrottledSeparately() throws {
        let clock = AuthTestClock()
        let throttle = LoginThrottle(now: { clock.instant })
        try failures(5, throttle, client: "10.0.0.7")
        #expect(throws: AuthFailure.self) { try throttle.admit("10.0.0.7") }
        try throttle.admit("10.0.0.8")
        try throttle.admit("::1")
    }

    @Test func aQuietClientIsForgotten() throws {
        let clock = AuthTestClock()
        let throttle = LoginThrottle(now: { clock.instant })
        try failures(5, throttle)
        clock.advance(.seconds(30 + 900))
        try failures(4, throttle)
        try throttle.admit("10.0.0.7")
        #expect(throws: AuthFailure.throttled(retryAfterSeconds: 30)) { try throttle.admit("10.0.0.7") }
    }

    @Test func memoryStaysBoundedAndBlockedClientsStay() throws {
        let clock = AuthTestClock()
        let throttle = LoginThrottle(policy: LoginThrottle.Policy(capacity: 8), now: { clock.instant })
        try failures(5, throttle, client: "attacker")
        for index in 0..<100 {
            clock.advance(.milliseconds(10))
            try throttle.admit("10.1.0.\(index)")
            #expect(throttle.trackedClients <= 8)
        }
        // The quietest go first; a blocked client counts as active until its block ends.
        #expect(throws: AuthFailure.self) { try throttle.admit("attacker") }
        clock.advance(.seconds(2000))
        try throttle.admit("10.2.0.1")
        #expect(throttle.trackedClients == 1, "quiet clients are dropped when a new one arrives")
    }
}
