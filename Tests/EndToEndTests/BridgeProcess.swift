import Foundation
import Glibc
import Synchronization
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
    /// The configuration file the bridge runs on; its data directory is `data` beside it.
    let configurationFile: URL
    let environment: [String: String]

    /// `environment` adds to (or overrides) the test process's own variables.
    convenience init(configuration yaml: String, apiKey: String, environment: [String: String] = [:]) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("harbor.yaml")
        try (yaml + "\nport: 0\napiKey: \(apiKey)\ndataDirectory: \(directory.appendingPathComponent("data").path)\n")
            .write(to: file, atomically: true, encoding: .utf8)
        try await self.init(configurationFile: file, apiKey: apiKey, environment: environment)
    }

    /// Starts the bridge on a configuration file written before (a restart on the same data).
    init(configurationFile file: URL, apiKey: String, environment: [String: String]) async throws {
        configurationFile = file
        self.environment = environment
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

extension BridgeProcess {
    /// The data directory of a bridge started from YAML text: `data` beside its configuration file.
    var dataDirectory: URL { configurationFile.deletingLastPathComponent().appendingPathComponent("data") }

    /// A new bridge on the same configuration file and data directory, once this one has stopped.
    func restarted() async throws -> BridgeProcess {
        try await BridgeProcess(configurationFile: configurationFile, apiKey: apiKey, environment: environment)
    }

    /// SIGKILL: no handler runs, nothing is flushed or closed. Returns once the child
    /// is reaped (false if that took longer than `limit`), so its files are free.
    func kill(within limit: Duration = .seconds(10)) async -> Bool {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        return !process.isRunning
    }

    /// True when the bridge ended by the SIGKILL of `kill()`, not by itself before it.
    var endedBySigkill: Bool {
        !process.isRunning && process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// Reads the bridge's output until it ends, on a thread of its own, so that a
    /// long run never blocks the bridge on a full pipe; the tail stays readable.
    func drainOutput(keeping limit: Int = 8192) -> OutputTail {
        let tail = OutputTail(limit: limit)
        let fd = output.fileDescriptor
        let thread = Thread {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let got = read(fd, &chunk, chunk.count)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return }
                tail.append(chunk[0..<got])
            }
        }
        thread.name = "harbor-test-bridge-output"
        thread.start()
        return tail
    }
}

/// The last bytes a child wrote, for a failure message.
final class OutputTail: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func append(_ chunk: ArraySlice<UInt8>) {
        bytes.withLock { kept in
            kept.append(contentsOf: chunk)
            if kept.count > limit { kept.removeFirst(kept.count - limit) }
        }
    }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
}

struct BridgeStartError: Error, CustomStringConvertible {
    var output: String
    var description: String { "harbor-bridge did not start: \(output)" }
}
