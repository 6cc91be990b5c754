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
    /// on a thread of its own: `waitpid` blocks, and a blocked thread of the
    /// cooperative pool would stall every request of the gateway meanwhile.
    static func run(_ command: [String]) async -> RebootOutcome {
        guard let program = command.first else { return .couldNotStart("the command is empty") }
        guard let executable = executable(program) else {
            return .couldNotStart("\(program) is not an executable file or is not on PATH")
        }
        let arguments = Array(command.dropFirst())
        return await withCheckedContinuation { (continuation: CheckedContinuation<RebootOutcome, Never>) in
            let thread = Thread {
                continuation.resume(returning: spawnAndWait(executable.path, arguments))
            }
            thread.name = "harbor-reboot"
            thread.start()
        }
    }

    /// `posix_spawn` and `waitpid` straight from libc rather than Foundation's
    /// `Process`, whose launcher crashed now and then (SIGSEGV in a copy inside
    /// `Process.run`) when commands were started from several threads, and which keeps
    /// a run-loop thread for what one `waitpid` does. The child gets /dev/null as
    /// stdin, the gateway's stdout and stderr (journald) and no other descriptor.
    private static func spawnAndWait(_ path: String, _ arguments: [String]) -> RebootOutcome {
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        for descriptor in openDescriptorsAboveStandardError() {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var child = pid_t()
        let spawned = posix_spawn(&child, path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            return .couldNotStart("\(path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 {
            guard errno == EINTR else {
                return .couldNotStart("\(path) started as process \(child) but could not be waited for: \(errno)")
            }
        }
        // The wait status as <sys/wait.h>'s macros read it (they are not imported).
        let signal = status & 0x7F
        return signal == 0 ? .exited(status: (status >> 8) & 0xFF) : .killed(signal: signal)
    }

    /// The descriptors above stderr the gateway holds now (sockets, the database,
    /// serial lines), for the child to close: a reboot command has no use for them.
    /// Closing one that is gone by the time the child starts is harmless.
    private static func openDescriptorsAboveStandardError() -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        var descriptors: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let descriptor = Int32(name), descriptor > STDERR_FILENO { descriptors.append(descriptor) }
        }
        return descriptors
    }
}
