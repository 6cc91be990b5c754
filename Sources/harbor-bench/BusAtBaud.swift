import Foundation
import HarborDrivers

/// One bus transaction (a CU XOR open and its reply) over a pseudo-terminal to the
/// simulator emulating a line at `baud`, timed three ways: the wire time of the
/// two frames (the physical limit), raw POSIX write + read, and the gateway's
/// controller, codec, bus and serial transport. What the gateway adds is the
/// difference between the last two.
struct BusAtBaud {
    var baud = 0
    var transactions = 0
    var wire = Duration.zero
    var raw = LatencySamples([])
    var gateway = LatencySamples([])

    static func measure(baud: Int, count: Int) async throws -> BusAtBaud {
        let server = BoardSimulatorServer(line: SimulatedLine(
            boards: [SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 24, closeAfter: nil)],
            faults: SimulatorFaults(wireBaud: baud)))
        try server.start()
        defer { server.stop() }
        guard let path = server.endpoints.pseudoTerminalPath else {
            throw BenchFailure("the simulator has no pseudo-terminal")
        }
        let frame = try CUXorCodec.encode(.open(board: 1, lock: 1))
        let reference = SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 24, closeAfter: nil)
        guard let replyLength = reference.handle(frame[...], at: .now)?.reply?.count else {
            throw BenchFailure("the simulated board does not answer an open")
        }
        var figures = BusAtBaud(baud: baud, transactions: count)
        figures.wire = .seconds(Double((frame.count + replyLength) * 10) / Double(baud))
        let warmup = 10
        let raw = try await RawLineProbe.roundTrips(path: path, frame: frame, replyLength: replyLength, count: warmup + count)
        figures.raw = LatencySamples(Array(raw.samples.dropFirst(warmup)))

        let bus = LockBoardBus(transport: SerialTransport(path: path, baudRate: baud), timing: BusTiming(interFrameGap: .zero))
        let controller = CUXorLockController(bus: bus, settings: BoardControllerSettings(address: 1, channelCount: 24))
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for index in 0..<(warmup + count) {
            let before = clock.now
            _ = try await controller.open(channel: index % 24 + 1)
            if index >= warmup { samples.append(clock.now - before) }
        }
        await bus.close()
        figures.gateway = LatencySamples(samples)
        return figures
    }
}
