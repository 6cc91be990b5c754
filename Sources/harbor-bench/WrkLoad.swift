import Foundation

/// What one `wrk --latency` run reported.
struct WrkFigures: Equatable {
    var requestsPerSecond: Double
    var p50: Duration
    var p99: Duration
    var requests: Int
    /// Non-2xx answers plus connect, read, write and timeout errors.
    var failures: Int
}

extension WrkFigures {
    /// Equal-length turns of one load as one figure: the mean rate, the median of
    /// the turns' percentiles, every request and failure counted.
    init(turns: [WrkFigures]) {
        func median(_ values: [Duration]) -> Duration {
            let sorted = values.sorted()
            return sorted.isEmpty ? .zero : sorted[sorted.count / 2]
        }
        self.init(
            requestsPerSecond: turns.map(\.requestsPerSecond).reduce(0, +) / Double(max(turns.count, 1)),
            p50: median(turns.map(\.p50)), p99: median(turns.map(\.p99)),
            requests: turns.map(\.requests).reduce(0, +), failures: turns.map(\.failures).reduce(0, +))
    }
}

/// Runs `wrk` against the bridge and reads its report.
enum WrkLoad {
    /// `wrk` from PATH, or a failure telling how to install it.
    static func locate() throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BenchFailure("wrk is not installed (apt-get install -y wrk, or run scripts/bench)")
    }

    /// `wrk -t threads -c connections -d seconds --latency` on `url`, output kept in
    /// `outputPath`; `script` is a Lua file that builds the requests (`-s`).
    static func run(
        url: String, headers: [String: String], threads: Int, connections: Int, seconds: Int,
        outputPath: String, scratch: BenchScratch, script: String? = nil
    ) async throws -> WrkFigures {
        let arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"]
            + headers.flatMap { ["-H", "\($0.key): \($0.value)"] } + (script.map { ["-s", $0] } ?? []) + [url]
        let child = try ChildProcess.spawn(
            try locate(), arguments: arguments, environment: ProcessInfo.processInfo.environment,
            outputPath: outputPath)
        scratch.track(child)
        let status = await child.waitForExit()
        scratch.stop(child)
        let report = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0, let figures = parse(report) else {
            throw BenchFailure("wrk on \(url) failed (status \(status)):\n\(report)")
        }
        return figures
    }

    /// Reads `Requests/sec:`, the 50% and 99% lines of the latency distribution, the
    /// request count and the error lines; `nil` when a required line is missing.
    static func parse(_ report: String) -> WrkFigures? {
        var rate: Double?
        var p50: Duration?
        var p99: Duration?
        var requests: Int?
        var failures = 0
        for rawLine in report.split(separator: "\n") {
            let words = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
            guard let first = words.first else { continue }
            switch first {
            case "Requests/sec:": rate = words.dropFirst().first.flatMap { Double($0) }
            case "50%": p50 = words.dropFirst().first.flatMap(duration)
            case "99%": p99 = words.dropFirst().first.flatMap(duration)
            case "Non-2xx": failures += words.last.flatMap { Int($0) } ?? 0
            case "Socket":
                // "Socket errors: connect 0, read 0, write 0, timeout 0": every number counts.
                failures += words.compactMap { Int($0) }.reduce(0, +)
            default:
                if words.count > 2, words[1] == "requests", words[2] == "in" { requests = Int(first) }
            }
        }
        guard let rate, let p50, let p99, let requests else { return nil }
        return WrkFigures(requestsPerSecond: rate, p50: p50, p99: p99, requests: requests, failures: failures)
    }

    /// wrk's latency text, e.g. `812.00us`, `1.23ms`, `2.01s`.
    static func duration(_ text: Substring) -> Duration? {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let value = Double(text.dropLast(unit.suffix.count)) else { continue }
            return .nanoseconds(Int64((value * unit.nanoseconds).rounded()))
        }
        return nil
    }
}
