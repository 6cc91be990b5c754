import Foundation
import Glibc

/// The built `harbor-sim` executable, run as a child process the way the bench
/// tool and end-to-end tests run it.
final class HarborSimProcess {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var outputText = ""

    /// Where SwiftPM puts the executable: next to the test bundle.
    static var executable: URL {
        let directory = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return directory.appendingPathComponent("harbor-sim")
    }

    init(_ arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw LineTestClient.Failure(description: "\(Self.executable.path) is missing: build harbor-sim first (swift build)")
        }
        process.executableURL = Self.executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Stdout lines up to and including the first one containing `marker`; the
    /// waiting happens off the cooperative pool.
    func lines(through marker: String, within limit: Duration = .seconds(5)) async -> [String] {
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = ContinuousClock.now + limit
        let known = outputText
        outputText = await offThePool { Self.readOutput(fd, after: known, through: marker, until: deadline) }
        return outputText.split(separator: "\n").map(String.init)
    }

    /// Waits for the exit (killing the process after `limit`) and returns its status
    /// and everything it wrote on stderr.
    func finish(within limit: Duration = .seconds(5)) async -> (status: Int32, stderr: String) {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { await pause() }
        if process.isRunning {
            process.terminate()
            while process.isRunning { await pause() }
            return (-1, "timed out")
        }
        let fd = errors.fileHandleForReading.fileDescriptor
        let text = await offThePool { Self.readToEnd(fd) }
        return (process.terminationStatus, text)
    }

    private func pause() async {
        try? await Task.sleep(for: .milliseconds(10))
    }

    /// Appends stdout to `text` until it holds `marker`, the deadline passes or the
    /// pipe ends; blocks the calling thread in poll(2).
    private static func readOutput(
        _ fd: Int32, after text: String, through marker: String, until deadline: ContinuousClock.Instant
    ) -> String {
        var text = text
        while !text.contains(marker), ContinuousClock.now < deadline {
            var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&watch, 1, 50) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let got = read(fd, &chunk, chunk.count)
            guard got > 0 else { break }
            text += String(decoding: chunk[0..<got], as: UTF8.self)
        }
        return text
    }

    /// Everything left in a pipe whose writer has exited; blocks until end of file.
    private static func readToEnd(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = read(fd, &chunk, chunk.count)
            if got > 0 {
                bytes += chunk[0..<got]
            } else if got < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
