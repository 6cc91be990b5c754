import Foundation
import HarborBridge
import Hummingbird
import Testing

/// 429 with `Retry-After` after repeated failures, on login and on Basic
/// credentials of any route; the password change and its effects.
@Suite struct AdminThrottleRoutesTests {
    private static let wrong: (user: String, password: String) = ("admin", "not the password")

    @Test func repeatedFailedLoginsAreThrottled() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            for _ in 0..<5 {
                try expectError(try await client.send(.post, "/auth/login", apiKey: nil, basic: Self.wrong), .unauthorized, .unauthorized)
            }
            let throttled = try await client.send(.post, "/auth/login", apiKey: nil, basic: ("admin", AuthFixture.password))
            try expectError(throttled, .tooManyRequests, .tooManyRequests)
            try expectConforms(throttled, "POST", "/auth/login")
            #expect(throttled.headers[.retryAfter] == "30")
            harness.clock.advance(.seconds(12))
            let later = try await client.send(.post, "/auth/login", apiKey: nil, basic: Self.wrong)
            try expectError(later, .tooManyRequests, .tooManyRequests)
            #expect(later.headers[.retryAfter] == "18")
            harness.clock.advance(.seconds(18))
            #expect(try await client.login().hasPrefix("hgs_"), "the block ends after Retry-After")
        }
    }

    @Test func basicCredentialsOnAnyRouteShareTheThrottle() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            for path in ["/controllers", "/lockers", "/system", "/controllers", "/lockers"] {
                let response = try await client.send(.get, path, apiKey: nil, basic: Self.wrong)
                try expectError(response, .unauthorized, .unauthorized)
            }
            let admin = try await client.send(.get, "/controllers", apiKey: nil, basic: ("admin", AuthFixture.password))
            try expectError(admin, .tooManyRequests, .tooManyRequests)
            try expectConforms(admin, "GET", "/controllers")
            #expect(admin.headers[.retryAfter] == "30")
            let publicRoute = try await client.send(.get, "/lockers", apiKey: nil, basic: ("admin", AuthFixture.password))
            try expectError(publicRoute, .tooManyRequests, .tooManyRequests)
            try expectError(
                try await client.send(.post, "/auth/login", apiKey: nil, basic: ("admin", AuthFixture.password)),
                .tooManyRequests, .tooManyRequests)
            #expect(try await client.send(.get, "/lockers").status == .ok, "the API key is not throttled")
        }
        #expect(harness.admin.calls.isEmpty)
    }

    @Test func aSuccessForgivesEarlierFailures() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            for _ in 0..<4 {
                _ = try await client.send(.post, "/auth/login", apiKey: nil, basic: Self.wrong)
            }
            _ = try await client.login()
            for _ in 0..<4 {
                try expectError(try await client.send(.post, "/auth/login", apiKey: nil, basic: Self.wrong), .unauthorized, .unauthorized)
            }
        }
    }

    @Test func changingThePasswordEndsEverySessionAndRetiresTheOldOne() async throws {
        let harness = GatewayHarness()
        let newPassword = "a much longer passphrase"
        try await harness.run { client in
            let token = try await client.login()
            let other = try await client.login()
            let body = #"{"currentPassword": "\#(AuthFixture.password)", "newPassword": "\#(newPassword)"}"#
            let response = try await client.admin(.post, "/auth/password", body: body, session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/auth/password")
            for session in [token, other] {
                try expectError(try await client.admin(.get, "/controllers", session: session), .unauthorized, .unauthorized)
            }
            try expectError(
                try await client.send(.post, "/auth/login", apiKey: nil, basic: ("admin", AuthFixture.password)),
                .unauthorized, .unauthorized)
            let fresh = try await client.login(password: newPassword)
            #expect(try await client.admin(.get, "/controllers", session: fresh).status == .ok)
        }
    }

    @Test(arguments: [
        (#"{"currentPassword": "\#(AuthFixture.password)", "newPassword": "short"}"#, "/newPassword"),
        (#"{"currentPassword": "\#(AuthFixture.password)", "newPassword": "\#(String(repeating: "x", count: 129))"}"#, "/newPassword"),
        (#"{"currentPassword": "\#(AuthFixture.password)"}"#, "/newPassword"),
        (#"{"currentPassword": "", "newPassword": "long enough password"}"#, "/currentPassword"),
        (#"{"currentPassword": "x", "newPassword": "long enough password", "user": "root"}"#, "/user"),
    ])
    func aBadPasswordChangeIs400AndChangesNothing(body: String, field: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/auth/password", body: body, session: token)
            let error = try expectError(response, .badRequest, .validationFailed)
            #expect(error.details?["field"] == .string(field))
            #expect(!response.text.contains(AuthFixture.password))
            #expect(try await client.admin(.get, "/controllers", session: token).status == .ok)
        }
    }

    @Test func aWrongCurrentPasswordIs401AndIsThrottled() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let body = #"{"currentPassword": "a guess", "newPassword": "long enough password"}"#
            for _ in 0..<5 {
                let response = try await client.admin(.post, "/auth/password", body: body, session: token)
                try expectError(response, .unauthorized, .unauthorized)
            }
            let throttled = try await client.admin(.post, "/auth/password", body: body, session: token)
            try expectError(throttled, .tooManyRequests, .tooManyRequests)
            #expect(throttled.headers[.retryAfter] == "30")
            #expect(try await client.admin(.get, "/controllers", session: token).status == .ok, "the session survives")
            let stillOld = try await client.send(.get, "/controllers", apiKey: nil, basic: ("admin", AuthFixture.password))
            try expectError(stillOld, .tooManyRequests, .tooManyRequests)
        }
    }
}
