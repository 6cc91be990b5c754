import Foundation
import HarborBridge
import HarborDrivers
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MetricsEndpointTests {
    @Test func opensAreCountedByOutcomeWithControllerRoundTrips() async throws {
        let harness = try await BridgeHarness.start(boards: 2, lockersPerBoard: 2)
        let line = try #require(await harness.bridge.runtime.simulatedLine(controllerId: 2))
        try await harness.run { client in
            #expect(try await client.send(.post, "/lockers/1/open").status == .ok)
            #expect(try await client.send(.post, "/lockers/2/open").status == .ok)
            await line.unplug()
            await harness.bridge.runtime.pollAll()
            #expect(try await client.send(.post, "/lockers/3/open").status == .serviceUnavailable)

            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = response.text
            #expect(sample(text, #"harbor_opens_total{outcome="opened"}"#) == 2)
            #expect(sample(text, #"harbor_opens_total{outcome="failed"}"#) == 1)
            #expect(sample(text, #"harbor_opens_total{outcome="unknown"}"#) == 0)
            #expect(sample(text, #"harbor_opens_total{outcome="refused"}"#) == 0)
            #expect(sample(text, "harbor_controllers_online") == 1)
            #expect(sample(text, "harbor_controllers_total") == 2)
            // Controller 1: the harness's first poll, two unlocks and the second poll.
            #expect(sample(text, #"harbor_controller_round_trip_seconds_count{controller="1"}"#) == 4)
            #expect(text.contains("# TYPE harbor_controller_round_trip_seconds histogram"))
        }
        try await harness.stop()
    }

    @Test func opensTheDomainTurnsDownCountAsRefused() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        try await harness.run { client in
            let admin = ["Authorization": "Basic " + Data("admin:\(BridgeHarness.adminPassword)".utf8).base64EncodedString()]
            let off = try await client.send(.patch, "/lockers/1", body: #"{"outOfService": true, "reasonCode": "CLEANING"}"#,
                                            apiKey: nil, headers: admin)
            #expect(off.status == .ok)
            #expect(try await client.send(.post, "/lockers/1/open").status == .conflict)
            let held = try await client.send(.post, "/transactions", body: #"{"lockerId": 2}"#).decode(TransactionResponse.self)
            #expect(try await client.send(.post, "/transactions/\(held.id)/release").status == .ok)
            #expect(try await client.send(.post, "/transactions/\(held.id)/open").status == .conflict)

            let text = try await client.send(.get, "/metrics").text
            #expect(sample(text, #"harbor_opens_total{outcome="refused"}"#) == 2)
            #expect(sample(text, #"harbor_opens_total{outcome="opened"}"#) == 0)
        }
        try await harness.stop()
    }

    @Test func routeLabelsAreTemplatesAndUnknownPathsUnmatched() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        try await harness.run { client in
            #expect(try await client.send(.get, "/lockers/1").status == .ok)
            #expect(try await client.send(.get, "/lockers/2").status == .ok)
            #expect(try await client.send(.get, "/lockers/99").status == .notFound)
            #expect(try await client.send(.get, "/cabinet/7/secret").status == .notFound)
            #expect(try await client.send(.put, "/lockers/1").status == .methodNotAllowed)
            #expect(try await client.send(.post, "/lockers/1/open").status == .ok)
            #expect(try await client.send(.post, "/lockers/open-all").status == .ok)

            let text = try await client.send(.get, "/metrics").text
            // The literal template wins over the parameter one, as the router dispatched it.
            #expect(sample(text, #"harbor_http_requests_total{method="POST",route="/lockers/open-all",status="200"}"#) == 1)
            #expect(sample(text, #"harbor_http_requests_total{method="POST",route="/lockers/{lockerId}/open",status="200"}"#) == 1)
            let lockerRoute = #"method="GET",route="/lockers/{lockerId}""#
            #expect(sample(text, "harbor_http_requests_total{\(lockerRoute),status=\"200\"}") == 2)
            #expect(sample(text, "harbor_http_requests_total{\(lockerRoute),status=\"404\"}") == 1)
            #expect(sample(text, #"harbor_http_requests_total{method="GET",route="unmatched",status="404"}"#) == 1)
            #expect(sample(text, #"harbor_http_requests_total{method="PUT",route="unmatched",status="405"}"#) == 1)
            #expect(sample(text, "harbor_http_request_duration_seconds_count{\(lockerRoute)}") == 3)
            // No raw path, with its ids, ever becomes a label.
            #expect(!text.contains("/lockers/1\""))
            #expect(!text.contains("/cabinet/7"))
        }
        try await harness.stop()
    }

    @Test func metricsNeedTheAPIKeyOrAnAdminSession() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 1)
        try await harness.run { client in
            #expect(try await client.send(.get, "/metrics", apiKey: nil).status == .unauthorized)
            #expect(try await client.send(.get, "/metrics", apiKey: "wrong").status == .unauthorized)
            let login = try await client.send(
                .post, "/auth/login", apiKey: nil, basic: ("admin", BridgeHarness.adminPassword))
            let token = try login.decode(LoginResponse.self).token
            #expect(try await client.send(.get, "/metrics", apiKey: nil, session: token).status == .ok)
            let text = try await client.send(.get, "/metrics").text
            #expect(sample(text, #"harbor_http_requests_total{method="GET",route="/metrics",status="401"}"#) == 2)
        }
        try await harness.stop()
    }
}

/// The value of the exposition line whose series (name and labels) is exactly `series`.
func sample(_ text: String, _ series: String) -> Double? {
    for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
        return Double(line.dropFirst(series.count + 1))
    }
    return nil
}
