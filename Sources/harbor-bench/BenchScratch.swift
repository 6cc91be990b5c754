import Dispatch
import Foundation
import Glibc
import Synchronization

/// Everything a benchmark run leaves behind: the processes it started and its
/// temporary directories. `tearDown` stops and removes them all; it runs at the end
/// of the run, when a step fails, and on SIGINT or SIGTERM, so no bridge outlives it.
final class BenchScratch: Sendable {
    private struct Leftovers {
        var children: [ChildProcess] = []
        var directories: [URL] = []
        /// Set by SIGINT or SIGTERM; from then on nothing new is kept, it is removed at once.
        var interrupted = false
    }

    private let leftovers = Mutex(Leftovers())
    private let signalSources = Mutex<[DispatchSourceSignal]>([])
    private let removal = Mutex(())

    /// Starts watching SIGINT and SIGTERM: either stops everything and ends the process.
    init() {
        signalSources.withLock { sources in
            sources = [SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.leftovers.withLock { $0.interrupted = true }
                    self?.removeLeftovers()
                    _exit(128 + number)
                }
                source.resume()
                return source
            }
        }
    }

    /// A new empty directory under the system's temporary directory.
    func makeDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-bench-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let kept = leftovers.withLock { current in
            if !current.interrupted { current.directories.append(url) }
            return !current.interrupted
        }
        guard kept else {
            try? FileManager.default.removeItem(at: url)
            throw BenchFailure("interrupted")
        }
        return url
    }

    /// Keeps `child` to stop at teardown; stops it at once when the run was interrupted.
    func track(_ child: ChildProcess) {
        let kept = leftovers.withLock { current in
            if !current.interrupted { current.children.append(child) }
            return !current.interrupted
        }
        if !kept { child.stop() }
    }

    /// Stops `child` now and forgets it.
    func stop(_ child: ChildProcess) {
        child.stop()
        leftovers.withLock { $0.children.removeAll { $0.pid == child.pid } }
    }

    /// Stops every child still running and removes every directory; safe to call twice.
    /// After an interruption the signal handler ends the process, so this only waits for it.
    func tearDown() {
        removeLeftovers()
        guard leftovers.withLock({ $0.interrupted }) else { return }
        while true { pause() }
    }

    /// Holds `removal` throughout, so a teardown racing another one waits until the
    /// first is done instead of returning while children still run. Children stop
    /// newest first: wrk closes its connections before the bridge it loads is stopped.
    private func removeLeftovers() {
        removal.withLock { _ in
            let taken = leftovers.withLock { current in
                defer { current = Leftovers(interrupted: current.interrupted) }
                return current
            }
            for child in taken.children.reversed() { child.stop() }
            for directory in taken.directories { try? FileManager.default.removeItem(at: directory) }
        }
    }

    deinit {
        signalSources.withLock { sources in sources.forEach { $0.cancel() } }
    }
}
