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

    /// Stdout lines up to and including the first one containing `marker`.
    func lines(through marker: String, within limit: Duration = .seconds(5)) -> [String] {
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = ContinuousClock.now + limit
        while !outputText.contains(marker), ContinuousClock.now < deadline {
            var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&watch, 1, 50) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let got = read(fd, &chunk, chunk.count)
            guard got > 0 else { break }
            outputText += String(decoding: chunk[0..<got], as: UTF8.self)
        }
        return outputText.split(separator: "\n").map(String.init)
    }

    /// Waits for the exit (killing the process after `limit`) and returns its status
    /// and everything it wrote on stderr.
    func finish(within limit: Duration = .seconds(5)) -> (status: Int32, stderr: String) {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return (-1, "timed out")
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }
}
