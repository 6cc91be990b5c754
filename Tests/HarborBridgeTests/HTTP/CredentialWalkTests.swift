import Foundation
import HarborBridge
import Hummingbird
import Testing

/// Walks every operation of the document: without credentials each answers 401
/// with the `Error` body and the Basic challenge, except the three open ones.
@Suite struct CredentialWalkTests {
    static let open: Set<String> = ["GET /health", "GET /admin", "GET /openapi.yaml"]

    static let pathValues = [
        "{lockerId}": "12", "{controllerId}": "1", "{transactionId}": Fixtures.transactionId,
    ]

    /// The document's path with every parameter filled with a valid-looking value.
    static func concrete(_ template: String) throws -> String {
        var path = template
        for (parameter, value) in pathValues {
            path = path.replacingOccurrences(of: parameter, with: value)
        }
        #expect(!path.contains("{"), "no value for a parameter of \(template)")
        return path
    }

    @Test func everyOperationButTheOpenOnesAnswers401WithoutCredentials() async throws {
        let operations = try OpenAPISpec.load().operations
        #expect(operations.count == GatewayRoute.table.count)
        let harness = GatewayHarness()
        try await harness.run { client in
            for operation in operations {
                let method = try #require(HTTPRequest.Method(rawValue: operation.method))
                let path = try Self.concrete(operation.path)
                let body: String? = operation.body["requestBody"] == nil ? nil : "{}"
                let response = try await client.send(method, path, body: body, apiKey: nil)
                let name = "\(operation.method) \(operation.path)"
                if Self.open.contains(name) {
                    #expect(response.status == .ok, "\(name)")
                    continue
                }
                let error = try expectError(response, .unauthorized, .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Basic realm="Harbor Gateway""#, "\(name)")
                #expect(error.message == "Authentication required.", "\(name)")
                let documented = try #require(OpenAPISpec.load().operation(operation.method, operation.path))
                #expect(documented.body["responses"]?["401"] != nil, "401 is documented for \(name)")
            }
        }
        #expect(harness.operations.calls == [.health])
        #expect(harness.admin.calls.isEmpty)
    }

    @Test func everyAdminOperationRefusesTheAPIKey() async throws {
        let admin = try OpenAPISpec.load().operations.filter { $0.body["x-harbor-api"] == "admin" }
        #expect(admin.count == GatewayRoute.table.filter(\.isAdmin).count)
        let harness = GatewayHarness()
        try await harness.run { client in
            for operation in admin {
                let method = try #require(HTTPRequest.Method(rawValue: operation.method))
                let body: String? = operation.body["requestBody"] == nil ? nil : "{}"
                let response = try await client.send(method, try Self.concrete(operation.path), body: body)
                try expectError(response, .unauthorized, .unauthorized)
            }
        }
        #expect(harness.admin.calls.isEmpty)
    }
}
