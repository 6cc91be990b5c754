import Foundation

/// Runs the package's executables the way a technician would, from the build folder.
enum BuiltProducts {
    /// The folder holding the built executables: beside the test bundle, or
    /// `HARBOR_BIN_DIR` when set.
    static let directory: URL = {
        if let override = ProcessInfo.processInfo.environment["HARBOR_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("harbor-sim").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// The result of one finished command.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var elapsed: Duration
}

/// Runs a command to completion on a thread of its own, off the cooperative pool
/// (see `offThePool`: `DispatchQueue.global()` would share the pool's threads).
func runCommand(_ executable: String, _ arguments: [String]) async throws -> CommandResult {
    try await offThePool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = ContinuousClock.now
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self),
            elapsed: ContinuousClock.now - start)
    }
}

/// Runs `harbor-board` with the given arguments.
func harborBoard(_ arguments: [String]) async throws -> CommandResult {
    try await runCommand(BuiltProducts.path("harbor-board"), arguments)
}

/// Parses one JSON object printed by `harbor-board --json`.
func jsonObject(_ text: String) -> [String: Any] {
    let line = text.split(separator: "\n").last.map(String.init) ?? ""
    return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
}
