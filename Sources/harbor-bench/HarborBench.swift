import ArgumentParser
import Foundation
import HarborDrivers

/// `harbor-bench`: benchmarks that print figures a reader can compare.
@main
struct HarborBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harbor-bench",
        abstract: "Benchmarks of Harbor Gateway that print figures (run a release build).",
        subcommands: [CompareBenchmark.self, BusBenchmark.self, BridgeBenchmark.self])
}

/// Bus round trips over a pseudo-terminal against the simulator answering at once.
struct BusBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus",
        abstract: "Round trips per second and the gateway's overhead per request over a pty.")

    @Option(help: "Round trips measured on each path.") var iterations = 2000
    @Option(help: "Round trips run first and not measured.") var warmup = 200

    func validate() throws {
        guard iterations >= 10, warmup >= 0 else { throw ValidationError("--iterations must be at least 10") }
    }

    func run() async throws {
        let server = BoardSimulatorServer(line: SimulatedLine(boards: [
            SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 16, closeAfter: nil),
        ]))
        try server.start()
        defer { server.stop() }
        guard let path = server.endpoints.pseudoTerminalPath else {
            throw ValidationError("the simulator has no pseudo-terminal")
        }
        let query = try CUXorCodec.encode(.query(board: 1, lock: 1))

        let raw = try await RawLineProbe.roundTrips(
            path: path, frame: query, replyLength: 5, count: warmup + iterations)
        let gateway = try await gatewayRoundTrips(path: path, count: warmup + iterations, gap: .zero)
        let paced = try await gatewayRoundTrips(path: path, count: min(iterations, 400), gap: BusTiming().interFrameGap)

        let rawStats = LatencySamples(Array(raw.samples.dropFirst(warmup)))
        let gatewayStats = LatencySamples(Array(gateway.samples.dropFirst(warmup)))
        BenchTable.printBus(
            iterations: iterations, raw: rawStats, gateway: gatewayStats,
            rawRate: Double(raw.samples.count) / raw.wall.seconds,
            gatewayRate: Double(gateway.samples.count) / gateway.wall.seconds,
            pacedRate: Double(paced.samples.count) / paced.wall.seconds)
    }

    /// Status queries through the real driver path: controller, codec, bus, serial transport.
    private func gatewayRoundTrips(
        path: String, count: Int, gap: Duration
    ) async throws -> (samples: [Duration], wall: Duration) {
        let bus = LockBoardBus(
            transport: SerialTransport(path: path, baudRate: 9600),
            timing: BusTiming(interFrameGap: gap))
        let controller = CUXorLockController(
            bus: bus, settings: BoardControllerSettings(address: 1, channelCount: 16))
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        let started = clock.now
        for _ in 0..<count {
            let before = clock.now
            _ = try await controller.readDoorState(channel: 1)
            samples.append(clock.now - before)
        }
        let wall = clock.now - started
        await bus.close()
        return (samples, wall)
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds as a Double.
    var milliseconds: Double { seconds * 1000 }
}
