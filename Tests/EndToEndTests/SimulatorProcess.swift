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
    private let output: FileHandle

    /// Starts the simulator and waits for its `ready` line (off the cooperative pool).
    init(_ arguments: [String]) async throws {
        frameLog = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-sim-frames-\(UUID().uuidString).jsonl")
        process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path("harbor-sim"))
        process.arguments = arguments + ["--frame-log", frameLog.path, "--quiet"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
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

    /// Asks the simulator to exit without waiting for it (Foundation reaps the
    /// child), so a test's `defer` never holds a cooperative thread.
    func stop() {
        if process.isRunning {
            process.terminate()
        }
        try? FileManager.default.removeItem(at: frameLog)
    }

    deinit { stop() }
}

struct SimulatorStartError: Error, CustomStringConvertible {
    var output: String
    var description: String { "harbor-sim did not become ready: \(output)" }
}
