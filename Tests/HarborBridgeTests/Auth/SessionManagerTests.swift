import Foundation
@testable import HarborBridge
import Testing

@Suite struct SessionManagerTests {
    @Test func tokensAreLongRandomAndStoredOnlyAsDigests() async throws {
        try await AuthFixture.with { fixture in
            let first = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            let second = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            #expect(first.token != second.token)
            #expect(first.token.count == 47 && first.token.hasPrefix("hgs_"))
            let rows = try await fixture.rawSessionRows()
            #expect(rows.count == 2)
            for row in rows {
                let text = row.joined(separator: " ")
                for token in [first.token, second.token] {
                    #expect(!text.contains(token))
                    #expect(!text.contains(String(token.dropFirst(4))))
                }
            }
            #expect(rows.contains { $0.contains { $0.contains(SessionToken.digest(first.token)) } })
        }
    }

    @Test func sessionsSurviveARestart() async throws {
        try await AuthFixture.with { fixture in
            let session = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            let restarted = fixture.restarted()
            #expect(await restarted.authenticate(token: session.token) == "admin")
            try await restarted.logout(token: session.token)
            #expect(await fixture.sessions.authenticate(token: session.token) == nil)
        }
    }

    @Test func lastUseIsWrittenAtMostOncePerTouchInterval() async throws {
        try await AuthFixture.with { fixture in
            let session = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            let hash = SessionToken.digest(session.token)
            let loginTime = try #require(try await fixture.store.session(tokenHash: hash)).lastUsedAt
            fixture.clock.advance(.seconds(2))
            #expect(await fixture.sessions.authenticate(token: session.token) == "admin")
            #expect(try await fixture.store.session(tokenHash: hash)?.lastUsedAt == loginTime)
            fixture.clock.advance(.seconds(4))
            #expect(await fixture.sessions.authenticate(token: session.token) == "admin")
            #expect(try await fixture.store.session(tokenHash: hash)?.lastUsedAt == fixture.clock.date)
        }
    }

    @Test func theLimitsAreReadLive() async throws {
        try await AuthFixture.with { fixture in
            let session = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            fixture.clock.advance(.seconds(400))
            #expect(await fixture.sessions.authenticate(token: session.token) == "admin")
            fixture.limits.set(idle: .seconds(60), absolute: .seconds(300))
            #expect(await fixture.sessions.authenticate(token: session.token) == nil, "a shorter absolute limit applies at once")
            #expect(try await fixture.rawSessionRows().isEmpty, "an ended session is deleted")
        }
    }

    @Test func aLongerAbsoluteLimitDoesNotStretchTheEndPromisedAtLogin() async throws {
        try await AuthFixture.with { fixture in
            fixture.limits.set(idle: .seconds(3600), absolute: .seconds(600))
            let session = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            #expect(session.expiresAt == fixture.clock.date.addingTimeInterval(600))
            fixture.limits.set(idle: .seconds(3600), absolute: .seconds(7200))
            fixture.clock.advance(.seconds(601))
            #expect(await fixture.sessions.authenticate(token: session.token) == nil)
        }
    }

    @Test func endedSessionsArePurgedAtLogin() async throws {
        try await AuthFixture.with { fixture in
            fixture.limits.set(idle: .seconds(60), absolute: .seconds(600))
            _ = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            _ = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            fixture.clock.advance(.seconds(120))
            _ = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            #expect(try await fixture.rawSessionRows().count == 1)
        }
    }

    @Test func endedSessionsArePurgedNowAndThenWhileSessionsAreUsed() async throws {
        try await AuthFixture.with { fixture in
            fixture.limits.set(idle: .seconds(600), absolute: .seconds(3600))
            let stale = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            fixture.clock.advance(.seconds(200))
            let busy = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            #expect(await fixture.sessions.authenticate(token: busy.token) == "admin")
            for _ in 0..<3 {
                fixture.clock.advance(.seconds(290))
                #expect(await fixture.sessions.authenticate(token: busy.token) == "admin")
            }
            let rows = try await fixture.rawSessionRows()
            #expect(rows.count == 1, "the stale session went without being presented again")
            #expect(try await fixture.store.session(tokenHash: SessionToken.digest(stale.token)) == nil)
        }
    }

    @Test func wrongCredentialsAndMalformedTokensAreRefused() async throws {
        try await AuthFixture.with { fixture in
            await #expect(throws: AuthFailure.invalidCredentials) {
                try await fixture.sessions.login(user: "admin", password: "nope", client: "a")
            }
            await #expect(throws: AuthFailure.invalidCredentials) {
                try await fixture.sessions.login(user: "Admin", password: AuthFixture.password, client: "a")
            }
            for token in ["", "hgs_", String(repeating: "x", count: 47), "hgs_" + String(repeating: "A", count: 43)] {
                #expect(await fixture.sessions.authenticate(token: token) == nil)
            }
        }
    }

    @Test func changingThePasswordRevokesEverySession() async throws {
        try await AuthFixture.with { fixture in
            let session = try await fixture.sessions.login(user: "admin", password: AuthFixture.password, client: "a")
            await #expect(throws: AuthFailure.passwordLength(allowed: 12...128)) {
                try await fixture.sessions.changePassword(current: AuthFixture.password, new: "short", client: "a")
            }
            await #expect(throws: AuthFailure.invalidCredentials) {
                try await fixture.sessions.changePassword(current: "wrong", new: "long enough password", client: "a")
            }
            #expect(await fixture.sessions.authenticate(token: session.token) == "admin")
            try await fixture.sessions.changePassword(current: AuthFixture.password, new: "long enough password", client: "a")
            #expect(await fixture.sessions.authenticate(token: session.token) == nil)
            #expect(try await fixture.rawSessionRows().isEmpty)
            #expect(try await fixture.credentials.verify(user: "admin", password: "long enough password"))
            #expect(try await !fixture.credentials.verify(user: "admin", password: AuthFixture.password))
        }
    }
}
