import Foundation
import HarborBridge

/// Startup to healthy on a large store: a data directory seeded in-process (not
/// counted), then the bridge spawned on it `startups` times; the idle RSS of the last.
struct StartupRuns {
    var lockers = 0
    var transactions = 0
    var seeding = Duration.zero
    var samples = LatencySamples([])
    var idleKiB = 0

    static func measure(
        bridge: String, scratch: BenchScratch, lockers: Int, transactions: Int, startups: Int, idleSeconds: Int
    ) async throws -> StartupRuns {
        let launch = try BridgeLaunch(
            executable: bridge, directory: try scratch.makeDirectory("seeded"), simulatedCabinet: nil)
        var runs = StartupRuns(lockers: lockers, transactions: transactions)
        let clock = ContinuousClock()
        let seedingStarted = clock.now
        let store = try HarborStore(directory: launch.dataDirectory)
        try await store.seedForBenchmark(lockers: lockers, transactions: transactions)
        try store.close()
        runs.seeding = clock.now - seedingStarted

        var samples: [Duration] = []
        for run in 1...startups {
            let (child, elapsed) = try await HealthProbe.launchUntilHealthy(port: launch.port) {
                let child = try launch.spawn()
                scratch.track(child)
                return child
            }
            samples.append(elapsed)
            if run == startups {
                try await Task.sleep(for: .seconds(idleSeconds))
                runs.idleKiB = try child.residentKiB()
            }
            scratch.stop(child)
        }
        runs.samples = LatencySamples(samples)
        return runs
    }
}
