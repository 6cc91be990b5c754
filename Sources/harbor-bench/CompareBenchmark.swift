import ArgumentParser
import Foundation
import HarborDrivers

/// `harbor-bench compare`: one table of the gateway beside what bounds it, all
/// measured in the same run: a bare Hummingbird + GRDB server (`harbor-baseline`)
/// serving the gateway's own answer bytes, the wire time of a 9600-baud line, the
/// ideal of the configured open-all pacing.
struct CompareBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "The gateway beside a bare Hummingbird + GRDB server, the wire-time limit and the pacing ideal.")

    @OptionGroup var load: ServiceLoadOptions
    @Option(help: "Line speed the simulated boards emulate.") var baud = 9600
    @Option(help: "Single opens timed over the serial line (through the HTTP API and through the driver).")
    var serialOpens = 200
    @Option(help: "Open-all spacing between lock starts, in ms (the setting openAllSpacingMs).")
    var openAllSpacingMs = 100
    @Option(help: "Locks in flight at once during open-all (the setting openAllConcurrency).")
    var openAllConcurrency = 1

    func validate() throws {
        guard baud >= 300, serialOpens >= 10 else { throw ValidationError("--baud >= 300 and --serial-opens >= 10") }
        guard openAllSpacingMs >= 0, (1...16).contains(openAllConcurrency) else {
            throw ValidationError("--open-all-spacing-ms >= 0 and --open-all-concurrency 1...16")
        }
    }

    func run() async throws {
        let bridge = try BridgeLaunch.locateBridge()
        let baseline = try BridgeLaunch.sibling("harbor-baseline")
        _ = try BridgeLaunch.sibling("harbor-sim")
        _ = try WrkLoad.locate()
        let scratch = BenchScratch()
        defer { scratch.tearDown() }
        var figures = CompareFigures()
        figures.releaseBuild = BridgeLaunch.isReleaseBuild(bridge)
        figures.loadAverage = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
            .split(separator: " ").prefix(3).joined(separator: " ")

        let startup = try await StartupRuns.measure(
            bridge: bridge, scratch: scratch, lockers: load.lockers, transactions: load.transactions,
            startups: load.startups, idleSeconds: load.idleSeconds)
        figures.startup = startup
        try await measureHTTP(bridge: bridge, baseline: baseline, scratch: scratch, into: &figures)
        try await measureSerial(bridge: bridge, scratch: scratch, into: &figures)
        figures.bus = try await BusAtBaud.measure(baud: baud, count: serialOpens)
        BenchTable.printCompare(figures)
    }

    /// The gateway on a simulated cabinet of 4 x 25 lockers beside the baseline
    /// serving the gateway's answer bytes: idle RSS, then wrk on GET /lockers and
    /// on POST /lockers/{id}/open (ids 1...100 in turn), then the RSS after the load.
    private func measureHTTP(
        bridge: String, baseline: String, scratch: BenchScratch, into figures: inout CompareFigures
    ) async throws {
        let directory = try scratch.makeDirectory("compare-http")
        let launch = try BridgeLaunch(
            executable: bridge, directory: try Self.subdirectory("gateway", of: directory),
            simulatedCabinet: (boards: 4, lockersPerBoard: 25))
        let (gateway, _) = try await HealthProbe.launchUntilHealthy(port: launch.port) {
            let child = try launch.spawn()
            scratch.track(child)
            return child
        }
        try await Task.sleep(for: .seconds(load.idleSeconds))
        figures.gatewayIdleKiB = try gateway.residentKiB()

        let key = ["X-API-Key": BridgeLaunch.apiKey]
        let list = try HTTPExchange.send("GET", "/lockers", port: launch.port, headers: key)
        let open = try HTTPExchange.send("POST", "/lockers/1/open", port: launch.port, headers: key)
        guard list.status == 200, open.status == 200 else {
            throw BenchFailure("the gateway answered GET /lockers \(list.status), POST /lockers/1/open \(open.status):\n"
                               + gateway.outputTail())
        }
        figures.lockersBodyBytes = list.body.count
        let lockersBody = directory.appendingPathComponent("lockers.json")
        let openBody = directory.appendingPathComponent("open.json")
        try Data(list.body).write(to: lockersBody)
        try Data(open.body).write(to: openBody)

        let baselinePort = try HealthProbe.freePort()
        let (bare, _) = try await HealthProbe.launchUntilHealthy(port: baselinePort) {
            let child = try ChildProcess.spawn(
                baseline,
                arguments: ["--port", "\(baselinePort)", "--data-dir", directory.appendingPathComponent("baseline").path,
                            "--lockers-body", lockersBody.path, "--open-body", openBody.path],
                environment: ProcessInfo.processInfo.environment,
                outputPath: directory.appendingPathComponent("harbor-baseline.log").path)
            scratch.track(child)
            return child
        }
        try await Task.sleep(for: .seconds(load.idleSeconds))
        figures.baselineIdleKiB = try bare.residentKiB()

        let script = directory.appendingPathComponent("open.lua")
        try Self.openScript.write(to: script, atomically: true, encoding: .utf8)
        func wrk(_ port: Int, _ path: String, _ name: String, seconds: Int, script: String? = nil) async throws -> WrkFigures {
            try await WrkLoad.run(
                url: "http://127.0.0.1:\(port)\(path)", headers: key, threads: load.threads, connections: load.connections,
                seconds: seconds, outputPath: directory.appendingPathComponent("wrk-\(name).txt").path,
                scratch: scratch, script: script)
        }
        // Each load runs in short turns, gateway and baseline alternating, so a burst
        // of other work on a shared machine falls on both alike; one unmeasured turn
        // each first, so both start the measured turns warm.
        let turns = Self.alternatingTurns(duration: load.duration)
        figures.wrkCommand = "wrk -t\(load.threads) -c\(load.connections) --latency, \(turns.count) turns of "
            + "\(turns.seconds) s each server, alternating"
        func alternate(_ path: String, _ name: String, script: String? = nil) async throws -> (WrkFigures, WrkFigures) {
            var gatewayTurns: [WrkFigures] = []
            var baselineTurns: [WrkFigures] = []
            for turn in 1...turns.count {
                gatewayTurns.append(try await wrk(launch.port, path, "gateway-\(name)-\(turn)", seconds: turns.seconds, script: script))
                baselineTurns.append(try await wrk(baselinePort, path, "baseline-\(name)-\(turn)", seconds: turns.seconds, script: script))
            }
            return (WrkFigures(turns: gatewayTurns), WrkFigures(turns: baselineTurns))
        }
        _ = try await wrk(launch.port, "/lockers", "warmup-gateway", seconds: min(2, load.duration))
        _ = try await wrk(baselinePort, "/lockers", "warmup-baseline", seconds: min(2, load.duration))
        (figures.gatewayLockers, figures.baselineLockers) = try await alternate("/lockers", "lockers")
        (figures.gatewayOpen, figures.baselineOpen) = try await alternate("/", "open", script: script.path)
        figures.gatewayLoadedKiB = try gateway.residentKiB()
        figures.baselineLoadedKiB = try bare.residentKiB()
        scratch.stop(bare)
        scratch.stop(gateway)
    }

    /// How the measured seconds of one load are cut into alternating turns: 2 s
    /// turns (at least 1 turn, each at least 1 s), `duration` seconds in all.
    static func alternatingTurns(duration: Int) -> (count: Int, seconds: Int) {
        let count = max(1, duration / 2)
        return (count, max(1, duration / count))
    }

    /// `name` created inside `directory`.
    static func subdirectory(_ name: String, of directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// wrk's requests: POST /lockers/N/open with N = 1...100 in turn (per thread).
    static let openScript = """
        local counter = 0
        request = function()
          counter = counter % 100 + 1
          return wrk.format("POST", "/lockers/" .. counter .. "/open", nil, "")
        end

        """
}
