import Foundation
@testable import HarborBridge
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AdminInputTests {
    @Test func basicCredentialsFollowRFC7617() {
        func parse(_ text: String) -> (String, String)? {
            AdminCredentialHeaders.parseBasic(text).map { ($0.user, $0.password) }
        }
        let encoded = Data("admin:pass:with:colons".utf8).base64EncodedString()
        #expect(parse("Basic \(encoded)").map { $0 == ("admin", "pass:with:colons") } == true)
        #expect(parse("basic \(encoded)") != nil, "the scheme is case-insensitive")
        #expect(parse("BASIC  \(encoded)") != nil)
        #expect(parse("Basic " + Data("admin:".utf8).base64EncodedString()).map { $0 == ("admin", "") } == true)
        #expect(parse("Basic " + Data("no colon".utf8).base64EncodedString()) == nil)
        #expect(parse("Basic not*base64") == nil)
        #expect(parse("Bearer \(encoded)") == nil)
        #expect(parse("Basic") == nil)
        #expect(parse("Basic " + Data([0x61, 0x3A, 0xFF]).base64EncodedString()) == nil, "not UTF-8")
    }

    @Test func aCredentialHeaderGivenTwiceCountsAsAbsent() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            var headers = HTTPFields()
            let name = try #require(HTTPFields.Element.Name("X-Session-Token"))
            headers.append(HTTPFields.Element(name: name, value: token))
            headers.append(HTTPFields.Element(name: name, value: token))
            let twice = try await client.client.execute(uri: "/controllers", method: .get, headers: headers)
            try expectError(twice, .unauthorized, .unauthorized)
            var basic = HTTPFields()
            basic.append(HTTPFields.Element(name: .authorization, value: GatewayClient.basic("admin", AuthFixture.password)))
            basic.append(HTTPFields.Element(name: .authorization, value: GatewayClient.basic("admin", AuthFixture.password)))
            try expectError(
                try await client.client.execute(uri: "/controllers", method: .get, headers: basic), .unauthorized,
                .unauthorized)
        }
    }

    @Test func thePublicOnlyRouterKnowsNoAdminPath() async throws {
        let operations = RecordingOperations()
        let router = buildRouter(operations: operations, authenticator: APIKeyAuthenticator(apiKey: GatewayHarness.apiKey))
        try await Application(router: router).test(.router) { client in
            let gateway = GatewayClient(client: client)
            try expectError(try await gateway.send(.get, "/controllers"), .notFound, .notFound)
            try expectError(
                try await gateway.send(.post, "/auth/login", apiKey: nil, basic: ("admin", "x")), .notFound, .notFound)
            let patch = try await gateway.send(.patch, "/lockers/12", body: #"{"outOfService": true}"#)
            try expectError(patch, .methodNotAllowed, .methodNotAllowed)
            #expect(patch.headers[.allow] == "GET")
            #expect(try await gateway.send(.get, "/lockers/12").status == .ok)
            let basic = try await gateway.send(.get, "/lockers", apiKey: nil, basic: ("admin", "x"))
            try expectError(basic, .unauthorized, .unauthorized)
        }
        #expect(operations.calls == [.locker(12)])
    }

    @Test func aStoreThatFailsDuringLoginIs503() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            try client.auth?.store.close()
            let response = try await client.send(.post, "/auth/login", apiKey: nil, basic: ("admin", AuthFixture.password))
            try expectError(response, .serviceUnavailable, .storeUnavailable)
        }
    }

    @Test func controllerIdsArePositiveCanonicalIntegers() throws {
        #expect(try PathIdentifiers.controllerId("7") == 7)
        for bad in ["0", "-7", "07", "", "x", "9223372036854775808", nil] {
            #expect(throws: APIError.self) { try PathIdentifiers.controllerId(bad) }
        }
    }

    @Test func controllerDetailsRoundTripAsOneFlatObject() throws {
        let data = try APICoding.makeEncoder().encode(AdminFixtures.details)
        let json = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(json["id"] == 1 && json["lockers"]?.arrayValue?.count == 2 && json["replacedControllerId"] == .null)
        #expect(try APICoding.makeDecoder().decode(ControllerDetails.self, from: data) == AdminFixtures.details)
        let replacement = try APICoding.makeEncoder().encode(AdminFixtures.replacement)
        #expect(try APICoding.makeDecoder().decode(ControllerDetails.self, from: replacement) == AdminFixtures.replacement)
    }

    @Test func controllerUpdatesWriteClearedSettingsAsNullAndLeaveTheRestOut() throws {
        let update = UpdateControllerRequest(name: "x", pulseMs: .clear, doorLines: .set(["a"]))
        let json = try JSONDecoder().decode(JSONValue.self, from: try APICoding.makeEncoder().encode(update))
        #expect(json == .object(["name": "x", "pulseMs": .null, "doorLines": .array(["a"])]))
        #expect(try APICoding.makeDecoder().decode(UpdateControllerRequest.self, from: Data("{}".utf8)) == UpdateControllerRequest())
    }

    @Test func everyDocumentExampleOfTheAdminAnswersConformsToItsModel() throws {
        let spec = try OpenAPISpec.load()
        for name in ["Controller", "ScanResponse", "AdjustLockerCountResponse", "SentryTestResponse", "LoginResponse"] {
            let examples = try #require(spec.schema(named: name)?["examples"]?.arrayValue, "\(name) has examples")
            for example in examples {
                let data = try JSONEncoder().encode(example)
                switch name {
                case "Controller": _ = try APICoding.makeDecoder().decode(APIController.self, from: data)
                case "ScanResponse": _ = try APICoding.makeDecoder().decode(ScanResponse.self, from: data)
                case "AdjustLockerCountResponse": _ = try APICoding.makeDecoder().decode(AdjustLockerCountResponse.self, from: data)
                case "SentryTestResponse": _ = try APICoding.makeDecoder().decode(SentryTestResponse.self, from: data)
                default: _ = try APICoding.makeDecoder().decode(LoginResponse.self, from: data)
                }
            }
        }
    }
}
