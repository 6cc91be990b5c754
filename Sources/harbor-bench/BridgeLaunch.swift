import Foundation

/// How the benchmark starts one `harbor-bridge`: the binary next to `harbor-bench`,
/// 127.0.0.1 on a free port, a data directory and a configuration file of its own,
/// and an environment without `HARBOR_*` so nothing outside overrides the file.
struct BridgeLaunch: Sendable {
    /// The key the benchmark writes into every configuration, so none is generated.
    static let apiKey = "harbor-bench-api-key-0123456789"

    let executable: String
    let dataDirectory: URL
    let configurationPath: String
    let port: Int

    /// The `harbor-bridge` binary beside this executable, or a failure saying how to build it.
    static func locateBridge() throws -> String {
        try sibling("harbor-bridge")
    }

    /// The product `name` beside this executable, or a failure saying how to build it.
    static func sibling(_ name: String) throws -> String {
        let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let directory = URL(fileURLWithPath: selfPath).deletingLastPathComponent()
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchFailure("""
                no \(name) next to harbor-bench (\(directory.path)); build it in release
                (swift build -c release --product \(name)) or run scripts/bench
                """)
        }
        return path
    }

    /// Whether the binaries come from a release build directory.
    static func isReleaseBuild(_ executable: String) -> Bool {
        URL(fileURLWithPath: executable).deletingLastPathComponent().pathComponents.contains { $0.hasPrefix("release") }
    }

    /// Writes the configuration into `directory`: the data lives in `directory/data`.
    /// `simulatedCabinet` (boards, lockers per board) turns `simulate` on; without it the
    /// bridge serves only what the store holds.
    /// `extraConfiguration` lines are appended to the file as they are (controllers, settings).
    init(
        executable: String, directory: URL, simulatedCabinet: (boards: Int, lockersPerBoard: Int)?,
        extraConfiguration: [String] = []
    ) throws {
        self.executable = executable
        dataDirectory = directory.appendingPathComponent("data")
        configurationPath = directory.appendingPathComponent("harbor-bridge.yaml").path
        port = try HealthProbe.freePort()
        var lines = [
            "host: 127.0.0.1",
            "port: \(port)",
            "dataDirectory: \(dataDirectory.path)",
            "apiKey: \(Self.apiKey)",
            "simulate: \(simulatedCabinet != nil)",
        ]
        if let simulatedCabinet {
            lines += [
                "simulatedBoards: \(simulatedCabinet.boards)",
                "simulatedLockersPerBoard: \(simulatedCabinet.lockersPerBoard)",
            ]
        }
        lines += extraConfiguration
        try (lines.joined(separator: "\n") + "\n").write(toFile: configurationPath, atomically: true, encoding: .utf8)
    }

    /// Spawns the bridge with its log in the directory of its configuration.
    func spawn() throws -> ChildProcess {
        let environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("HARBOR_") && $0.key != "STATE_DIRECTORY"
        }
        return try ChildProcess.spawn(
            executable,
            arguments: ["--config", configurationPath, "--data-dir", dataDirectory.path, "--port", "\(port)"],
            environment: environment,
            outputPath: URL(fileURLWithPath: configurationPath).deletingLastPathComponent()
                .appendingPathComponent("harbor-bridge.log").path)
    }

    /// The base URL of the bridge.
    var baseURL: String { "http://127.0.0.1:\(port)" }
}
