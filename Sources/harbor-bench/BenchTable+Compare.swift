import Foundation

extension BenchTable {
    static func printCompare(_ f: CompareFigures) {
        print("harbor-bench compare: the release gateway beside what bounds it, measured in this one run")
        print("HTTP: gateway on a simulated cabinet of 4 boards x 25 lockers vs harbor-baseline (bare Hummingbird 2 + GRDB)")
        print("      serving the gateway's own answer bytes (GET /lockers: \(f.lockersBodyBytes) bytes); \(f.wrkCommand)")
        print("serial: harbor-sim boards on pseudo-terminals emulating \(f.baud) baud (request and reply byte timing)")
        if !f.releaseBuild { print("WARNING: these binaries are not a release build; the figures mean little") }
        print("")
        compareRow("measure", "gateway", "reference", "ratio", "target", "result")
        if let gateway = f.gatewayLockers, let bare = f.baselineLockers {
            httpRows("GET /lockers", gateway, bare, p99Target: CompareTargets.lockersP99)
        }
        if let gateway = f.gatewayOpen, let bare = f.baselineOpen {
            httpRows("POST /lockers/{id}/open", gateway, bare, p99Target: nil)
        }
        let httpOpen = f.serialOpens
        compareRow("open via HTTP at \(f.baud) baud, p50", ms(httpOpen.percentile(50)) + " ms",
                   ms(f.serialWirePerOpen) + " wire", ratio(httpOpen.percentile(50), f.serialWirePerOpen), "", "")
        compareRow("open via HTTP at \(f.baud) baud, p99", ms(httpOpen.percentile(99)) + " ms",
                   ms(f.serialWirePerOpen) + " wire", ratio(httpOpen.percentile(99), f.serialWirePerOpen), "", "")
        compareRow("  wire bytes per open (both frames)", String(format: "%.1f", f.serialBytesPerOpen), "", "", "", "")
        let bus = f.bus
        compareRow("bus transaction at \(bus.baud) baud, p50", ms(bus.gateway.percentile(50)) + " ms",
                   ms(bus.raw.percentile(50)) + " raw", "", "", "")
        compareRow("bus transaction at \(bus.baud) baud, p99", ms(bus.gateway.percentile(99)) + " ms",
                   ms(bus.raw.percentile(99)) + " raw", "", "", "")
        compareRow("  wire-time limit of its two frames", ms(bus.wire) + " ms", "", "", "", "")
        let overhead = bus.gateway.percentile(99) - bus.raw.percentile(99)
        compareRow("  gateway overhead (gateway - raw), p99", ms(overhead) + " ms", "", "",
                   "<= 1 ms", verdict(overhead <= CompareTargets.busOverheadP99))
        let openAllRatio = f.openAllIdeal > .zero ? f.openAll / f.openAllIdeal : 0
        compareRow("open-all, 4 boards x 24 lockers", seconds(f.openAll) + " s", seconds(f.openAllIdeal) + " ideal",
                   String(format: "%.3f", openAllRatio), "<= 1.05", verdict(openAllRatio <= CompareTargets.openAllRatio))
        print("  (\(f.openAllSettings); ideal: each lock taking its frames' wire time)")
        let idleRatio = Double(f.gatewayIdleKiB) / Double(max(f.baselineIdleKiB, 1))
        compareRow("idle RSS", mib(f.gatewayIdleKiB), mib(f.baselineIdleKiB) + " bare",
                   String(format: "%.3f", idleRatio), "<= 1.15", verdict(idleRatio <= CompareTargets.idleRatio))
        let idleBytes = f.gatewayIdleKiB * 1024
        compareRow("idle RSS, absolute (issue 3)", String(format: "%.2f MB", Double(idleBytes) / 1e6), "", "",
                   "<= 40 MB", verdict(idleBytes <= CompareTargets.idleBytes))
        compareRow("RSS after the HTTP loads", mib(f.gatewayLoadedKiB), mib(f.baselineLoadedKiB) + " bare",
                   String(format: "%.3f", Double(f.gatewayLoadedKiB) / Double(max(f.baselineLoadedKiB, 1))), "", "")
        let startup = f.startup
        let median = startup.samples.percentile(50)
        let slowest = startup.samples.percentile(100)
        compareRow("startup to healthy, median of \(startup.samples.sorted.count)", ms(median) + " ms", "", "",
                   "<= 300 ms", verdict(median <= CompareTargets.startup))
        compareRow("startup to healthy, max", ms(slowest) + " ms", "", "", "<= 300 ms",
                   verdict(slowest <= CompareTargets.startup))
        print("  (store of \(startup.lockers) lockers and \(startup.transactions) transactions; "
              + "idle RSS on it \(mib(startup.idleKiB)))")
        print("")
        print(machineLine + (f.loadAverage.isEmpty ? "" : ", load average \(f.loadAverage) at the start"))
    }

    private static func httpRows(_ name: String, _ gateway: WrkFigures, _ bare: WrkFigures, p99Target: Duration?) {
        let rateRatio = gateway.requestsPerSecond / max(bare.requestsPerSecond, 1)
        compareRow("\(name), requests/s", rate(gateway.requestsPerSecond), rate(bare.requestsPerSecond) + " bare",
                   String(format: "%.3f", rateRatio), ">= 0.5", verdict(rateRatio >= CompareTargets.apiRatio))
        compareRow("\(name), latency p50", ms(gateway.p50) + " ms", ms(bare.p50) + " bare",
                   ratio(gateway.p50, bare.p50), "", "")
        compareRow("\(name), latency p99", ms(gateway.p99) + " ms", ms(bare.p99) + " bare",
                   ratio(gateway.p99, bare.p99), p99Target.map { "<= \(Int($0.milliseconds)) ms" } ?? "",
                   p99Target.map { verdict(gateway.p99 <= $0) } ?? "")
        let failures = gateway.failures + bare.failures
        compareRow("\(name), errors", "\(gateway.failures)", "\(bare.failures) bare", "", "0",
                   verdict(failures == 0))
    }

    private static func compareRow(
        _ measure: String, _ gateway: String, _ reference: String, _ ratio: String, _ target: String, _ result: String
    ) {
        let line = measure.padding(toLength: 44, withPad: " ", startingAt: 0) + gateway.leftPadded(to: 13)
            + reference.leftPadded(to: 17) + ratio.leftPadded(to: 8) + target.leftPadded(to: 11) + "  " + result
        print(line.replacingOccurrences(of: " +$", with: "", options: .regularExpression))
    }

    private static func ratio(_ value: Duration, _ reference: Duration) -> String {
        reference > .zero ? String(format: "%.2f", value / reference) : ""
    }

    private static func verdict(_ met: Bool) -> String { met ? "met" : "NOT met" }
    private static func mib(_ kib: Int) -> String { String(format: "%.2f MiB", Double(kib) / 1024) }
    private static func seconds(_ duration: Duration) -> String { String(format: "%.3f", duration.seconds) }
}
