import ArgumentParser
import Foundation
import HarborBridge

/// The gateway service as a whole: startup with a large store, memory at rest and
/// under load, and `GET /lockers` throughput and latency under `wrk`.
struct BridgeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge",
        abstract: "Startup time, idle and loaded RSS, and GET /lockers under wrk of the release harbor-bridge.")

    @OptionGroup var load: ServiceLoadOptions

    func run() async throws {
        let bridge = try BridgeLaunch.locateBridge()
        _ = try WrkLoad.locate()
        let scratch = BenchScratch()
        defer { scratch.tearDown() }
        var figures = BridgeFigures()
        figures.releaseBuild = BridgeLaunch.isReleaseBuild(bridge)
        figures.loadAverage = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
            .split(separator: " ").prefix(3).joined(separator: " ")
        figures.wrkCommand = load.wrkCommand
        let startup = try await StartupRuns.measure(
            bridge: bridge, scratch: scratch, lockers: load.lockers, transactions: load.transactions,
            startups: load.startups, idleSeconds: load.idleSeconds)
        figures.lockers = startup.lockers
        figures.transactions = startup.transactions
        figures.seeding = startup.seeding
        figures.startups = startup.samples
        figures.idleSeededKiB = startup.idleKiB
        try await measureSimulatedCabinet(bridge: bridge, scratch: scratch, into: &figures)
        BenchTable.printBridge(figures)
    }

    /// Starts the bridge on a simulated cabinet of 4 x 25 lockers, reads its idle RSS,
    /// loads `GET /lockers` and then `GET /health` with wrk.
    private func measureSimulatedCabinet(
        bridge: String, scratch: BenchScratch, into figures: inout BridgeFigures
    ) async throws {
        let launch = try BridgeLaunch(
            executable: bridge, directory: try scratch.makeDirectory("simulated"),
            simulatedCabinet: (boards: 4, lockersPerBoard: 25))
        let (child, elapsed) = try await HealthProbe.launchUntilHealthy(port: launch.port) {
            let child = try launch.spawn()
            scratch.track(child)
            return child
        }
        figures.simulatedStartup = elapsed
        try await Task.sleep(for: .seconds(load.idleSeconds))
        figures.idleSimulatedKiB = try child.residentKiB()

        let key = ["X-API-Key": BridgeLaunch.apiKey]
        let probe = HealthProbe.status(port: launch.port, path: "/lockers", headers: key)
        guard probe == 200 else {
            throw BenchFailure("GET /lockers answered \(probe.map(String.init) ?? "nothing"), not 200:\n"
                               + child.outputTail())
        }
        let directory = launch.dataDirectory.deletingLastPathComponent()
        figures.lockersLoad = try await WrkLoad.run(
            url: launch.baseURL + "/lockers", headers: key, threads: load.threads, connections: load.connections,
            seconds: load.duration, outputPath: directory.appendingPathComponent("wrk-lockers.txt").path,
            scratch: scratch)
        figures.loadedKiB = try child.residentKiB()
        figures.healthLoad = try await WrkLoad.run(
            url: launch.baseURL + "/health", headers: [:], threads: load.threads, connections: load.connections,
            seconds: load.duration, outputPath: directory.appendingPathComponent("wrk-health.txt").path,
            scratch: scratch)
        scratch.stop(child)
    }
}
