import Foundation
@testable import HarborBridge
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ErrorAnswerTests {
    /// A request for every authenticated route, with valid path ids.
    static let authenticatedRoutes = GatewayRoute.table.filter { $0.access == .authenticated }.map { route in
        (route.method, route.path
            .replacingOccurrences(of: "{lockerId}", with: "12")
            .replacingOccurrences(of: "{transactionId}", with: Fixtures.transactionId))
    }

    @Test(arguments: authenticatedRoutes)
    func everyAuthenticatedRouteAnswers401WithoutTheRightKey(method: HTTPRequest.Method, path: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            for key in [nil, "", "wrong", GatewayHarness.apiKey + "x", String(GatewayHarness.apiKey.dropLast())] {
                let response = try await client.send(method, path, body: method == .get ? nil : "{}", apiKey: key)
                let body = try expectError(response, .unauthorized, .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Basic realm="Harbor Gateway""#)
                #expect(!body.message.contains(GatewayHarness.apiKey))
            }
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func credentialsAreCheckedBeforeInput() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            try expectError(try await client.send(.get, "/lockers/abc", apiKey: nil), .unauthorized, .unauthorized)
            try expectError(try await client.send(.post, "/transactions", body: "{", apiKey: nil), .unauthorized, .unauthorized)
        }
    }

    @Test(arguments: ["/", "/nope", "/lockers/12/close", "/transactions/\(Fixtures.transactionId)/release/now", "/admin/x"])
    func anUnknownPathIsNotFound(path: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            try expectError(try await client.send(.get, path), .notFound, .notFound)
            try expectError(try await client.send(.post, path, apiKey: nil), .notFound, .notFound)
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.delete, "/lockers", "GET"),
        (.put, "/transactions", "GET, POST"),
        (.get, "/lockers/12/open", "POST"),
        (.post, "/health", "GET"),
        (.head, "/openapi.yaml", "GET"),
        (.delete, "/lockers/12", "GET, PATCH"),
        (.get, "/auth/login", "POST"),
        (.put, "/controllers/1", "GET, PATCH, DELETE"),
        (.get, "/system/config", "PATCH"),
        (.delete, "/transactions/\(Fixtures.transactionId)", "GET"),
    ])
    func aKnownPathWithAnotherMethodIs405(method: HTTPRequest.Method, path: String, allow: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(method, path, apiKey: nil)
            try expectError(response, .methodNotAllowed, .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func aBodyOverTheLimitIsABadRequest() async throws {
        var harness = GatewayHarness()
        harness.configuration.maxBodyBytes = 1024
        try await harness.run { client in
            let padding = String(repeating: " ", count: 1100)
            let response = try await client.send(.post, "/transactions", body: "{\(padding)}")
            try expectError(response, .badRequest, .badRequest)
            #expect(try await client.send(.post, "/transactions", body: "{\(padding.prefix(900))}").status == .created)
        }
        #expect(harness.operations.calls.count == 1)
    }

    @Test func theDefaultBodyLimitIs64KiB() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let body = #"{"reference": "\#(String(repeating: "x", count: 64 * 1024))"}"#
            try expectError(try await client.send(.post, "/transactions", body: body), .badRequest, .badRequest)
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func extraHeadersOfADomainErrorReachTheClient() async throws {
        let harness = GatewayHarness()
        harness.operations.fail(with: .tooManyRequests(retryAfterSeconds: 30))
        try await harness.run { client in
            let response = try await client.send(.get, "/lockers")
            try expectError(response, .tooManyRequests, .tooManyRequests)
            #expect(response.headers[.retryAfter] == "30")
        }
    }

    struct DatabaseExploded: Error, CustomStringConvertible {
        var description: String { "SQLITE_CORRUPT at /var/lib/harbor/harbor.sqlite" }
    }

    /// A router with the gateway's error middleware in front of routes that fail in ways the domain cannot.
    private func runFailingRoutes(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: APIErrorMiddleware(routes: GatewayRoute.table))
        router.get("/unexpected") { _, _ -> Response in throw DatabaseExploded() }
        router.get("/hummingbird") { _, _ -> Response in throw HTTPError(.badRequest, message: "decoder said: secret") }
        router.get("/gone") { _, _ -> Response in throw HTTPError(.gone) }
        router.get("/unavailable") { _, _ -> Response in throw HTTPError(.serviceUnavailable, message: "pool") }
        try await Application(router: router).test(.router, body)
    }

    @Test func anUnexpectedErrorIs500WithoutItsInternals() async throws {
        try await runFailingRoutes { client in
            let response = try await client.execute(uri: "/unexpected", method: .get)
            let body = try expectError(response, .internalServerError, .internalError)
            #expect(body.message == "An unexpected error occurred.")
            #expect(!response.text.contains("SQLITE") && !response.text.contains("/var/lib"))
        }
    }

    @Test func hummingbirdErrorsAreMappedIntoTheErrorShape() async throws {
        try await runFailingRoutes { client in
            let badRequest = try await client.execute(uri: "/hummingbird", method: .get)
            try expectError(badRequest, .badRequest, .badRequest)
            #expect(!badRequest.text.contains("secret"))
            try expectError(try await client.execute(uri: "/gone", method: .get), .badRequest, .badRequest)
            try expectError(try await client.execute(uri: "/unavailable", method: .get), .internalServerError, .internalError)
        }
    }
}
