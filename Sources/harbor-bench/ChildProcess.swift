import Foundation
import Glibc

/// Why a benchmark step could not run. The message names what to fix.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A process the benchmark started with `posix_spawn`, its output going to a file.
/// Spawned directly rather than through `Foundation.Process` so the moment of the
/// spawn is known exactly and the benchmark alone reaps the child.
struct ChildProcess: Sendable {
    let pid: pid_t
    let executable: String
    let outputPath: String

    /// Starts `executable` with `arguments`, stdout and stderr appended to `outputPath`.
    static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], outputPath: String
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // harbor-bench ignores SIGINT and SIGTERM to handle them itself; a child would
        // inherit that and shrug off the SIGTERM that stops it, so both go back to default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil])
        guard result == 0 else {
            throw BenchFailure("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid, executable: executable, outputPath: outputPath)
    }

    /// The exit status once the child has ended, reaping it; `nil` while it runs.
    func exitStatus() -> Int32? {
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        guard reaped == pid else { return reaped < 0 ? -1 : nil }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Waits for the child to end by itself, checking every 20 ms; its exit status.
    func waitForExit() async -> Int32 {
        while true {
            if let status = exitStatus() { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// SIGTERM, then SIGKILL if the child has not ended within `grace`; always reaps it.
    func stop(grace: Duration = .seconds(5)) {
        guard exitStatus() == nil else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if exitStatus() != nil { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// The last lines the child wrote, to show when it misbehaved.
    func outputTail(lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: outputPath, encoding: .utf8) else { return "(no output)" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// The resident set size from /proc/PID/status, in KiB.
    func residentKiB() throws -> Int {
        let path = "/proc/\(pid)/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchFailure("cannot read \(path): the process has ended")
        }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let value = words.dropFirst().first.flatMap({ Int($0) }) { return value }
        }
        throw BenchFailure("\(path) has no VmRSS line")
    }
}
