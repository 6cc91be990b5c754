import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A running `harbor-bridge` on a configuration file of the test's, listening on a
/// port the system picked, reached over real HTTP on 127.0.0.1.
final class BridgeProcess: @unchecked Sendable {
    // @unchecked: every stored property is set in init and never mutated; Process
    // itself is used only from the test that owns this object.
    let process: Process
    let port: Int
    let apiKey: String
    let output: FileHandle

    /// `environment` adds to (or overrides) the test process's own variables.
    init(configuration yaml: String, apiKey: String, environment: [String: String] = [:]) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("harbor.yaml")
        try (yaml + "\nport: 0\napiKey: \(apiKey)\ndataDirectory: \(directory.appendingPathComponent("data").path)\n")
            .write(to: file, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path("harbor-bridge"))
        process.arguments = ["--config", file.path]
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        output = pipe.fileHandleForReading
        self.apiKey = apiKey
        try process.run()
        let fd = output.fileDescriptor
        let deadline = ContinuousClock.now + .seconds(20)
        let text = await offThePool { readOutput(fd, untilContains: "ready: listening on", deadline: deadline) }
        guard let line = text.split(separator: "\n").first(where: { $0.contains("ready: listening on") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else {
            process.terminate()
            throw BridgeStartError(output: text)
        }
        self.port = port
    }

    /// Sends a request with the API key and returns the status and JSON body.
    func send(
        _ method: String, _ path: String, body: String? = nil, headers: [String: String]? = nil,
        basic: (user: String, password: String)? = nil
    ) async throws -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        if let headers {
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        } else if let basic {
            let credentials = Data("\(basic.user):\(basic.password)".utf8).base64EncodedString()
            request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        } else {
            request.setValue(apiKey, forHTTPHeaderField: "X-API-Key")
        }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    /// Waits until `GET /health` says `controllersOnline` reached `count`.
    func waitUntilOnline(_ count: Int, within limit: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let health = try? await send("GET", "/health"), health.json["controllersOnline"] as? Int == count {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BridgeStartError(output: "controllers did not come online")
    }

    /// SIGTERM, then the exit status once the bridge has stopped (nil if it did not in time).
    func terminate(within limit: Duration = .seconds(10)) async throws -> Int32? {
        process.terminate()
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

struct BridgeStartError: Error, CustomStringConvertible {
    var output: String
    var description: String { "harbor-bridge did not start: \(output)" }
}
