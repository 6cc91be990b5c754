import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `harbor-bridge` on simulated boards serves `GET /metrics` that the reference
/// Prometheus text parser (`prometheus_client` from PyPI) reads, with the open
/// just made counted.
@Suite(.serialized) struct MetricsEndToEndTests {
    @Test func metricsParseWithPrometheusClientAndCountTheOpen() async throws {
        let bridge = try await BridgeProcess(
            configuration: "simulate: true\nsettings:\n  statusPollIntervalMs: 200",
            apiKey: "e2e-key-0123456789abcdef")
        try await bridge.waitUntilOnline(2)
        #expect(try await bridge.send("POST", "/lockers/1/open").status == 200)

        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(bridge.port)/metrics")))
        request.setValue(bridge.apiKey, forHTTPHeaderField: "X-API-Key")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "Content-Type") == "text/plain; version=0.0.4; charset=utf-8")

        let parsed = try await PrometheusParser.parse(data)
        let families = try #require(parsed["families"] as? [String: String])
        #expect(families["harbor_opens"] == "counter")
        #expect(families["harbor_controllers_online"] == "gauge")
        #expect(families["harbor_controllers_total"] == "gauge")
        #expect(families["harbor_controller_round_trip_seconds"] == "histogram")
        #expect(families["harbor_http_requests"] == "counter")
        #expect(families["harbor_http_request_duration_seconds"] == "histogram")
        let opened = try #require(parsed["opened"] as? Double)
        #expect(opened >= 1)
        #expect(parsed["online"] as? Double == 2)
        #expect(try await bridge.terminate() == 0)
    }
}

/// Feeds an exposition to `prometheus_client.parser` in a python3 child and
/// answers what it understood as JSON: every family's type, the opened count and
/// the controllers online.
enum PrometheusParser {
    static let script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        families, opened, online = {}, None, None
        for family in text_string_to_metric_families(sys.stdin.read()):
            families[family.name] = family.type
            for s in family.samples:
                if s.name == "harbor_opens_total" and s.labels.get("outcome") == "opened":
                    opened = s.value
                if s.name == "harbor_controllers_online":
                    online = s.value
        print(json.dumps({"families": families, "opened": opened, "online": online}))
        """

    static func parse(_ exposition: Data) async throws -> [String: Any] {
        // The child is waited for on a thread of its own, never on the cooperative pool.
        let output = try await offThePool { () throws -> Data in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(exposition)
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ParserFailure(status: process.terminationStatus) }
            return data
        }
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
    }
}

/// python3 exited with an error: prometheus_client missing or the exposition rejected.
struct ParserFailure: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "the Prometheus parser failed (exit status \(status)); is prometheus-client installed?" }
}
