import Foundation
import Glibc

/// A running `harbor-sim`, started with its frame log in a temporary file.
final class SimulatorProcess: @unchecked Sendable {
    // @unchecked: every stored property is set in init and never mutated; Process
    // itself is used only from the test that owns this object.
    let process: Process
    let ptyPath: String?
    let tcpPort: Int?
    let frameLog: URL
    /// Everything the simulator wrote on stderr: violation lines and the exit summary.
    let errorLog: URL
    private let output: FileHandle

    /// Starts the simulator and waits for its `ready` line (off the cooperative pool).
    init(_ arguments: [String]) async throws {
        frameLog = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-sim-frames-\(UUID().uuidString).jsonl")
        errorLog = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-sim-stderr-\(UUID().uuidString).txt")
        process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path("harbor-sim"))
        process.arguments = arguments + ["--frame-log", frameLog.path, "--quiet"]
        let pipe = Pipe()
        process.standardOutput = pipe
        // A file, not a pipe: nobody has to read it while the simulator runs.
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardError = (try? FileHandle(forWritingTo: errorLog)) ?? FileHandle.nullDevice
        output = pipe.fileHandleForReading
        try process.run()

        var pty: String?
        var port: Int?
        let fd = output.fileDescriptor
        let deadline = ContinuousClock.now + .seconds(10)
        let text = await offThePool { readOutput(fd, untilContains: "ready", deadline: deadline) }
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("harbor-sim: pty "), words.count >= 3 { pty = String(words[2]) }
            if line.hasPrefix("harbor-sim: tcp "), words.count >= 3,
               let portText = words[2].split(separator: ":").last {
                port = Int(portText)
            }
        }
        guard text.contains("ready") else {
            process.terminate()
            throw SimulatorStartError(output: text)
        }
        ptyPath = pty
        tcpPort = port
    }

    /// Frames the simulator logged, one dictionary a line.
    func frames() -> [[String: Any]] {
        guard let text = try? String(contentsOf: frameLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Received frames whose bytes are exactly `hex`.
    func received(_ hex: String) -> Int {
        frames().filter { ($0["dir"] as? String) == "rx" && ($0["hex"] as? String) == hex }.count
    }

    /// Frame-log lines that record a protocol violation by the host (they carry
    /// `violation`, the kind, and `violations`, the running count).
    func violations() -> [[String: Any]] {
        frames().filter { $0["violation"] != nil }
    }

    /// SIGTERM, then waits (polling, never blocking a pool thread) for the exit and
    /// returns the exit status and stderr, whose last line is the exit summary.
    /// nil when the simulator did not stop in time.
    func finish(within limit: Duration = .seconds(10)) async throws -> (status: Int32, stderr: String)? {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else { return nil }
        let text = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    /// The `{"event":"summary",...}` line of a finished simulator's stderr, parsed.
    static func summary(in stderr: String) -> [String: Any]? {
        stderr.split(separator: "\n").reversed().lazy.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.first { ($0["event"] as? String) == "summary" }
    }

    /// Asks the simulator to exit without waiting for it (Foundation reaps the
    /// child), so a test's `defer` never holds a cooperative thread.
    func stop() {
        if process.isRunning {
            process.terminate()
        }
        try? FileManager.default.removeItem(at: frameLog)
        try? FileManager.default.removeItem(at: errorLog)
    }

    deinit { stop() }
}

struct SimulatorStartError: Error, CustomStringConvertible {
    var output: String
    var description: String { "harbor-sim did not become ready: \(output)" }
}
