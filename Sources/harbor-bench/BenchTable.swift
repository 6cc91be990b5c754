import Foundation

/// Prints the benchmark's figures as one table.
enum BenchTable {
    static func printBus(
        iterations: Int, raw: LatencySamples, gateway: LatencySamples,
        rawRate: Double, gatewayRate: Double, pacedRate: Double
    ) {
        let overheadP50 = gateway.percentile(50) - raw.percentile(50)
        let overheadP99 = gateway.percentile(99) - raw.percentile(99)
        print("harbor-bench bus: CU XOR status query round trips over a pseudo-terminal,")
        print("simulated board answering at once, \(iterations) measured on each path")
        print("")
        row("path", "p50 ms", "p99 ms", "mean ms", "round trips/s")
        row("raw POSIX write + read", ms(raw.percentile(50)), ms(raw.percentile(99)), ms(raw.mean), rate(rawRate))
        row("gateway (controller, codec, bus)", ms(gateway.percentile(50)), ms(gateway.percentile(99)),
            ms(gateway.mean), rate(gatewayRate))
        row("gateway overhead (gateway - raw)", ms(overheadP50), ms(overheadP99), ms(gateway.mean - raw.mean), "")
        row("gateway, default 5 ms frame gap", "", "", "", rate(pacedRate))
        print("")
        let met = overheadP99 <= .milliseconds(1)
        print("target: overhead p99 <= 1 ms per round trip: \(met ? "met" : "NOT met") (\(ms(overheadP99)) ms)")
        print(machineLine)
    }

    /// The machine the figures come from: core count and operating system.
    static var machineLine: String {
        let system = ProcessInfo.processInfo
        return "machine: \(system.activeProcessorCount) cores, \(system.operatingSystemVersionString)"
    }

    private static func row(_ name: String, _ p50: String, _ p99: String, _ mean: String, _ rate: String) {
        print(name.padding(toLength: 34, withPad: " ", startingAt: 0)
              + [p50, p99, mean].map { $0.leftPadded(to: 9) }.joined()
              + rate.leftPadded(to: 15))
    }

    static func ms(_ duration: Duration) -> String { String(format: "%.3f", duration.milliseconds) }
    static func rate(_ value: Double) -> String { String(format: "%.0f", value) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
