import Foundation
import Glibc

/// How one run of the reboot command ended.
public enum RebootOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The program ran and exited with this status (0: the system is going down).
    case exited(status: Int32)
    /// The program was killed by this signal.
    case killed(signal: Int32)
    /// The program could not be started (missing, not executable, fork failed).
    case couldNotStart(String)

    /// Whether the command did its job.
    public var succeeded: Bool { self == .exited(status: 0) }

    public var description: String {
        switch self {
        case let .exited(status): "exited with status \(status)"
        case let .killed(signal): "killed by signal \(signal)"
        case let .couldNotStart(reason): "could not start: \(reason)"
        }
    }
}

/// Finds and runs the configured reboot command as a child process.
public enum RebootCommand {
    /// Directories searched when PATH is unset (those a systemd service gets).
    static let fallbackSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The executable `program` names: an absolute path to an executable file, or a
    /// bare name found on the service's PATH. Nil for anything else (a relative
    /// path would depend on the working directory the service happens to have).
    public static func executable(_ program: String) -> URL? {
        if program.hasPrefix("/") {
            return isExecutableFile(program) ? URL(fileURLWithPath: program) : nil
        }
        guard !program.isEmpty, !program.contains("/") else { return nil }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? fallbackSearchPath
        for directory in searchPath.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = "\(directory)/\(program)"
            if isExecutableFile(candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    /// A regular file with an execute bit the service may use. `access` alone is
    /// not enough: for root it grants X_OK on a directory and some plain files.
    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o111 != 0 else { return false }
        return access(path, X_OK) == 0
    }

    /// Runs `command` once and reports how it ended. Starting and waiting happen
    /// on a thread of its own: `waitUntilExit` blocks, and a blocked thread of the
    /// cooperative pool would stall every request of the gateway meanwhile.
    static func run(_ command: [String]) async -> RebootOutcome {
        guard let program = command.first else { return .couldNotStart("the command is empty") }
        guard let executable = executable(program) else {
            return .couldNotStart("\(program) is not an executable file or is not on PATH")
        }
        let arguments = Array(command.dropFirst())
        return await withCheckedContinuation { (continuation: CheckedContinuation<RebootOutcome, Never>) in
            let thread = Thread {
                continuation.resume(returning: runAndWait(executable, arguments))
            }
            thread.name = "harbor-reboot"
            thread.start()
        }
    }

    private static func runAndWait(_ executable: URL, _ arguments: [String]) -> RebootOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // The command's own output goes where the gateway's goes (journald).
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .couldNotStart("\(executable.path): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        switch process.terminationReason {
        case .exit: return .exited(status: process.terminationStatus)
        case .uncaughtSignal: return .killed(signal: process.terminationStatus)
        @unknown default: return .exited(status: process.terminationStatus)
        }
    }
}
