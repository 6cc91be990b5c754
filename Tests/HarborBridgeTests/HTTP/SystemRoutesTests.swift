import Foundation
import HarborBridge
import Hummingbird
import Testing

@Suite struct SystemRoutesTests {
    @Test func systemAnswersTheWholePicture() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/system")
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/system")
            #expect(try response.decode(System.self) == Fixtures.system)
            let loopback = try response.json()["network"]?["interfaces"]?.arrayValue?.last
            #expect(loopback?["macAddress"] == .null)
        }
        #expect(harness.operations.calls == [.system])
    }

    @Test func configUpdatePassesOnlyWhatWasSent() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(
                .patch, "/system/config", body: #"{"openAllConcurrency": 2, "openAllSpacingMs": 250, "logLevel": "debug"}"#)
            #expect(response.status == .ok)
            try expectConforms(response, "PATCH", "/system/config")
        }
        let update = SystemConfigUpdate(openAllConcurrency: 2, openAllSpacingMs: 250, logLevel: .debug)
        #expect(harness.operations.calls == [.updateConfig(update, .apiKey)])
    }

    @Test(arguments: [
        ("{}", APIErrorCode.validationFailed, ""),
        (#"{"pulseMs": 10}"#, .validationFailed, "/pulseMs"),
        (#"{"pulseMs": 5001}"#, .validationFailed, "/pulseMs"),
        (#"{"openAllConcurrency": 17}"#, .validationFailed, "/openAllConcurrency"),
        (#"{"openAllSpacingMs": -1}"#, .validationFailed, "/openAllSpacingMs"),
        (#"{"logLevel": "verbose"}"#, .validationFailed, "/logLevel"),
        (#"{"gatewayName": ""}"#, .validationFailed, "/gatewayName"),
        (#"{"autoAddDiscoveredControllers": "true"}"#, .validationFailed, "/autoAddDiscoveredControllers"),
        (#"{"pulseMs": 300, "apiKey": "secret"}"#, .validationFailed, "/apiKey"),
        ("", .invalidJSON, nil),
        ("pulseMs=300", .invalidJSON, nil),
    ] as [(String, APIErrorCode, String?)])
    func configUpdateRefusesABadBodyBeforeTheDomain(body: String, code: APIErrorCode, field: String?) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.patch, "/system/config", body: body)
            #expect(try expectError(response, .badRequest, code).details?["field"] == field.map(JSONValue.string))
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func aBodyThatIsNotJSONByContentTypeIsABadRequest() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(
                .patch, "/system/config", body: #"{"pulseMs": 300}"#, headers: ["Content-Type": "text/plain"])
            try expectError(response, .badRequest, .badRequest)
            let vendorJSON = try await client.send(
                .patch, "/system/config", body: #"{"pulseMs": 300}"#,
                headers: ["Content-Type": "application/merge-patch+json"])
            #expect(vendorJSON.status == .ok)
        }
        #expect(harness.operations.calls == [.updateConfig(SystemConfigUpdate(pulseMs: 300), .apiKey)])
    }

    @Test func logsAnswerWithTheDocumentedDefaultLimit() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/system/logs")
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/system/logs")
            #expect(try response.decode(LogList.self).logs == [Fixtures.logEntry])
        }
        #expect(harness.operations.calls == [.logs(level: nil, since: nil, category: nil, limit: 100)])
    }

    @Test func logsPassTheirFilters() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(
                .get, "/system/logs?level=warning&since=2025-11-27T01:06:25.5%2B01:00&category=bus&limit=1000")
            #expect(response.status == .ok)
        }
        let since = Fixtures.date("2025-11-27T00:06:25.500Z")
        #expect(harness.operations.calls == [.logs(level: .warning, since: since, category: "bus", limit: 1000)])
    }

    @Test(arguments: [
        ("level=loud", "level"), ("since=yesterday", "since"), ("since=2025-11-27", "since"),
        ("since=2025-11-27T00:06:25", "since"), ("limit=0", "limit"), ("limit=1001", "limit"),
        ("category=", "category"), ("category=\(String(repeating: "x", count: 65))", "category"),
    ])
    func logsRefuseABadQuery(query: String, parameter: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let body = try expectError(try await client.send(.get, "/system/logs?\(query)"), .badRequest, .validationFailed)
            #expect(body.details?["parameter"] == .string(parameter))
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func healthNeedsNoKeyAndAnswers503WithHealthWhenTheStoreIsDown() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let healthy = try await client.send(.get, "/health", apiKey: nil)
            #expect(healthy.status == .ok)
            try expectConforms(healthy, "GET", "/health")
            #expect(try healthy.decode(Health.self) == Fixtures.health)

            let down = Health(
                status: .degraded, version: "0.1.0", uptimeSeconds: 8123.4, store: .unavailable, controllersOnline: 2,
                controllersTotal: 2)
            harness.operations.answerHealth(down, httpStatus: 503)
            let unhealthy = try await client.send(.get, "/health", apiKey: "wrong")
            #expect(unhealthy.status == .serviceUnavailable)
            try expectConforms(unhealthy, "GET", "/health")
            #expect(try unhealthy.decode(Health.self) == down)
        }
    }

    @Test func healthAnswers200ForAnyStatusButUnavailable() async throws {
        let harness = GatewayHarness()
        harness.operations.answerHealth(Fixtures.health, httpStatus: 500)
        try await harness.run { client in
            let response = try await client.send(.get, "/health")
            #expect(response.status == .ok)
        }
    }

    @Test func adminPageNamesTheGatewayAndLinksTheDocument() async throws {
        var harness = GatewayHarness()
        harness.configuration.gatewayName = "Lobby <North>"
        try await harness.run { client in
            let response = try await client.send(.get, "/admin", apiKey: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("<h1>Lobby &lt;North&gt;</h1>"))
            #expect(response.text.contains(#"<a href="/openapi.yaml">"#))
            #expect(response.text.contains("admin interface"))
            #expect(!response.text.lowercased().contains("coming soon"))
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func openAPIDocumentIsServedAsYAMLWithoutKey() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/openapi.yaml", apiKey: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml")
            #expect(response.text == (try String(contentsOf: OpenAPISpec.documentURL, encoding: .utf8)))
        }
    }
}
