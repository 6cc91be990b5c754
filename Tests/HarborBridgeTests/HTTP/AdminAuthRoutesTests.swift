import Foundation
import HarborBridge
import Hummingbird
import Testing

/// Login, logout, password change and the credentials every route accepts.
@Suite struct AdminAuthRoutesTests {
    static let challenge = #"Basic realm="Harbor Gateway""#

    @Test func loginAnswersALongRandomTokenAndItsEnd() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/auth/login", apiKey: nil, basic: ("admin", AuthFixture.password))
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/auth/login")
            let login = try response.decode(LoginResponse.self)
            #expect(login.expiresAt == AuthTestClock.start.addingTimeInterval(43200))
            #expect(login.token.hasPrefix("hgs_"))
            let bytes = try #require(Data(base64Encoded: Self.padded(String(login.token.dropFirst(4)))))
            #expect(bytes.count * 8 >= 128)
            #expect(try await client.login() != login.token, "every login gets its own token")
        }
    }

    @Test(arguments: [
        (AuthFixture.password, "root"), ("wrong password", "admin"), ("", "admin"), (AuthFixture.password + " ", "admin"),
    ])
    func loginWithWrongCredentialsIs401(password: String, user: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/auth/login", apiKey: nil, basic: (user, password))
            let error = try expectError(response, .unauthorized, .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == Self.challenge)
            #expect(!response.text.contains(AuthFixture.password))
            #expect(error.message == "The credentials are not valid.")
        }
    }

    @Test func loginTakesBasicCredentialsOnly() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            for response in [
                try await client.send(.post, "/auth/login"),
                try await client.send(.post, "/auth/login", apiKey: nil, session: token),
                try await client.send(.post, "/auth/login", apiKey: nil, headers: ["Authorization": "Bearer \(token)"]),
                try await client.send(.post, "/auth/login", apiKey: nil, headers: ["Authorization": "Basic %%%"]),
            ] {
                try expectError(response, .unauthorized, .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == Self.challenge)
            }
        }
    }

    @Test func aSessionWorksOnAdminAndPublicRoutes() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            #expect(try await client.admin(.get, "/controllers", session: token).status == .ok)
            #expect(try await client.admin(.get, "/lockers", session: token).status == .ok)
            #expect(try await client.admin(.post, "/lockers/12/open", session: token).status == .ok)
            let basic = try await client.send(.get, "/system", apiKey: nil, basic: ("admin", AuthFixture.password))
            #expect(basic.status == .ok)
        }
        #expect(harness.operations.calls == [.lockers, .openLocker(12, .admin(user: "admin")), .system])
    }

    @Test func logoutEndsTheSessionAtOnce() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let other = try await client.login()
            let response = try await client.admin(.post, "/auth/logout", session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/auth/logout")
            for path in ["/controllers", "/lockers"] {
                let refused = try await client.admin(.get, path, session: token)
                try expectError(refused, .unauthorized, .unauthorized)
                #expect(refused.headers[.wwwAuthenticate] == Self.challenge)
            }
            try expectError(try await client.admin(.post, "/auth/logout", session: token), .unauthorized, .unauthorized)
            #expect(try await client.admin(.get, "/controllers", session: other).status == .ok, "other sessions live on")
        }
    }

    @Test func logoutWithBasicCredentialsAloneHasNothingToEnd() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.send(.post, "/auth/logout", apiKey: nil, basic: ("admin", AuthFixture.password))
            #expect(response.status == .ok)
            #expect(try await client.admin(.get, "/controllers", session: token).status == .ok)
        }
    }

    @Test func wrongTokensAndTheAPIKeyAreRefusedOnAdminRoutes() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let tampered = String(token.dropLast()) + (token.hasSuffix("A") ? "B" : "A")
            for response in [
                try await client.admin(.get, "/controllers", session: tampered),
                try await client.admin(.get, "/controllers", session: "hgs_short"),
                try await client.admin(.get, "/controllers", session: ""),
                try await client.send(.get, "/controllers"),
                try await client.send(.get, "/controllers", headers: ["X-Session-Token": GatewayHarness.apiKey]),
                try await client.send(.get, "/controllers", apiKey: nil, basic: ("admin", GatewayHarness.apiKey)),
            ] {
                try expectError(response, .unauthorized, .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == Self.challenge)
            }
        }
        #expect(harness.admin.calls.isEmpty)
    }

    @Test func sessionsEndAfterTheIdleLimit() async throws {
        let harness = GatewayHarness()
        harness.limits.set(idle: .seconds(60), absolute: .seconds(600))
        try await harness.run { client in
            let token = try await client.login()
            harness.clock.advance(.seconds(50))
            #expect(try await client.admin(.get, "/controllers", session: token).status == .ok)
            harness.clock.advance(.seconds(50))
            #expect(try await client.admin(.get, "/controllers", session: token).status == .ok, "each use restarts the idle time")
            harness.clock.advance(.seconds(61))
            try expectError(try await client.admin(.get, "/controllers", session: token), .unauthorized, .unauthorized)
        }
    }

    @Test func sessionsEndAtTheAbsoluteLimitHoweverBusy() async throws {
        let harness = GatewayHarness()
        harness.limits.set(idle: .seconds(60), absolute: .seconds(300))
        try await harness.run { client in
            let token = try await client.login()
            for _ in 0..<5 {
                harness.clock.advance(.seconds(55))
                #expect(try await client.admin(.get, "/lockers", session: token).status == .ok)
            }
            harness.clock.advance(.seconds(26))
            try expectError(try await client.admin(.get, "/lockers", session: token), .unauthorized, .unauthorized)
        }
    }

    static func padded(_ base64url: String) -> String {
        let standard = base64url.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return standard + String(repeating: "=", count: (4 - standard.count % 4) % 4)
    }
}
