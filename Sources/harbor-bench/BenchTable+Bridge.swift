import Foundation

/// What `harbor-bench bridge` measured, ready to print.
struct BridgeFigures {
    var lockers = 0
    var transactions = 0
    var seeding = Duration.zero
    var startups = LatencySamples([])
    var simulatedStartup = Duration.zero
    var idleSimulatedKiB = 0
    var idleSeededKiB = 0
    var lockersLoad: WrkFigures?
    var loadedKiB = 0
    var healthLoad: WrkFigures?
    var wrkCommand = ""
    var releaseBuild = true
    /// /proc/loadavg's first three fields when the run began: how busy the shared machine was.
    var loadAverage = ""
}

extension BenchTable {
    /// Targets of the gateway on its single-board computer.
    enum BridgeTargets {
        static let startup = Duration.milliseconds(300)
        /// Issue 3's "<= 40 MB", read strictly: decimal megabytes.
        static let idleKiB = 40_000_000 / 1024
        static let lockersP99 = Duration.milliseconds(5)
    }

    static func printBridge(_ figures: BridgeFigures) {
        print("harbor-bench bridge: the release harbor-bridge on 127.0.0.1, each process in a temporary data directory")
        print("seeded store: \(figures.lockers) lockers, \(figures.transactions) transactions "
              + "(seeded in \(String(format: "%.1f", figures.seeding.seconds)) s, not counted); "
              + "simulated cabinet: 4 boards x 25 lockers; load: \(figures.wrkCommand)")
        if !figures.releaseBuild { print("WARNING: these binaries are not a release build; the figures mean little") }
        print("")
        bridgeRow("metric", "value", "target", "result")
        let median = figures.startups.percentile(50)
        let slowest = figures.startups.percentile(100)
        bridgeRow("startup to healthy, seeded store, median of \(figures.startups.sorted.count)",
                  "\(ms(median)) ms", "<= 300 ms", verdict(median <= BridgeTargets.startup))
        bridgeRow("startup to healthy, seeded store, max",
                  "\(ms(slowest)) ms", "<= 300 ms", verdict(slowest <= BridgeTargets.startup))
        bridgeRow("startup to healthy, simulated cabinet", "\(ms(figures.simulatedStartup)) ms", "", "")
        bridgeRow("idle RSS, simulated cabinet (100 lockers)", mebibytes(figures.idleSimulatedKiB),
                  "<= 40 MB", verdict(figures.idleSimulatedKiB <= BridgeTargets.idleKiB))
        bridgeRow("idle RSS, seeded store (\(figures.lockers) lockers)", mebibytes(figures.idleSeededKiB),
                  "<= 40 MB", verdict(figures.idleSeededKiB <= BridgeTargets.idleKiB))
        if let load = figures.lockersLoad {
            loadRows("GET /lockers", load, p99Target: BridgeTargets.lockersP99)
            bridgeRow("RSS right after the GET /lockers load", mebibytes(figures.loadedKiB), "", "")
        }
        if let load = figures.healthLoad { loadRows("GET /health", load, p99Target: nil) }
        print("")
        print(machineLine + (figures.loadAverage.isEmpty ? "" : ", load average \(figures.loadAverage) at the start"))
    }

    private static func loadRows(_ name: String, _ load: WrkFigures, p99Target: Duration?) {
        bridgeRow("\(name), requests/s (\(load.requests) requests)", rate(load.requestsPerSecond), "", "")
        bridgeRow("\(name), latency p50", "\(ms(load.p50)) ms", "", "")
        if let p99Target {
            bridgeRow("\(name), latency p99", "\(ms(load.p99)) ms",
                      "<= \(Int(p99Target.milliseconds)) ms", verdict(load.p99 <= p99Target))
        } else {
            bridgeRow("\(name), latency p99", "\(ms(load.p99)) ms", "", "")
        }
        bridgeRow("\(name), non-2xx answers and socket errors", "\(load.failures)", "0", verdict(load.failures == 0))
    }

    private static func bridgeRow(_ metric: String, _ value: String, _ target: String, _ result: String) {
        let line = metric.padding(toLength: 50, withPad: " ", startingAt: 0)
            + value.leftPadded(to: 14) + target.leftPadded(to: 12) + "  " + result
        print(line.replacingOccurrences(of: " +$", with: "", options: .regularExpression))
    }

    private static func verdict(_ met: Bool) -> String { met ? "met" : "NOT met" }

    private static func mebibytes(_ kib: Int) -> String { String(format: "%.2f MiB", Double(kib) / 1024) }
}
