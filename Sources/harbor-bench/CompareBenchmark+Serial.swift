import Foundation
import HarborDrivers

extension CompareBenchmark {
    /// Four `harbor-sim` boards of 24 lockers, each on its own pseudo-terminal at
    /// `baud`, behind the gateway as four serial controllers (door polling every
    /// 60 s, so it does not sit between the opens timed here). Times single opens
    /// through the HTTP API against the wire time of the frames the boards saw, then
    /// one open-all against the ideal of the configured pacing.
    func measureSerial(bridge: String, scratch: BenchScratch, into figures: inout CompareFigures) async throws {
        let directory = try scratch.makeDirectory("compare-serial")
        var boards: [SimulatorLaunch] = []
        for address in 1...4 {
            boards.append(try await SimulatorLaunch.start(
                board: address, channels: 24, baud: baud, in: directory, scratch: scratch))
        }
        var lines = ["controllers:"]
        for (index, board) in boards.enumerated() {
            lines += ["  - kind: serial", "    protocol: cu-xor", "    device: \(board.link)",
                      "    baudRate: \(baud)", "    address: \(index + 1)", "    lockerCount: 24"]
        }
        lines += ["settings:", "  statusPollIntervalMs: 60000",
                  "  openAllSpacingMs: \(openAllSpacingMs)", "  openAllConcurrency: \(openAllConcurrency)"]
        let launch = try BridgeLaunch(
            executable: bridge, directory: try Self.subdirectory("gateway", of: directory),
            simulatedCabinet: nil, extraConfiguration: lines)
        let (gateway, _) = try await HealthProbe.launchUntilHealthy(port: launch.port) {
            let child = try launch.spawn()
            scratch.track(child)
            return child
        }
        try await waitUntilOnline(4, port: launch.port, gateway: gateway)

        let key = ["X-API-Key": BridgeLaunch.apiKey]
        let offsets = boards.map { $0.wireBytes(from: 0).end }
        let count = serialOpens
        let port = launch.port
        let samples = try await onThread { () throws -> [Duration] in
            let clock = ContinuousClock()
            var samples: [Duration] = []
            for index in 0..<count {
                // Boards in turn (lockers 1, 25, 49, 73, 2, ...): each line rests for three
                // opens in between, longer than the bus's 5 ms inter-frame gap, so the
                // figure is the open itself, not the gap a line keeps between two frames.
                let locker = (index % 4) * 24 + (index / 4) % 24 + 1
                let started = clock.now
                let answer = try HTTPExchange.send("POST", "/lockers/\(locker)/open", port: port, headers: key)
                samples.append(clock.now - started)
                guard answer.status == 200 else {
                    throw BenchFailure("POST /lockers/\(locker)/open answered \(answer.status)")
                }
            }
            return samples
        }
        let wire = zip(boards, offsets).map { board, offset in board.wireBytes(from: offset) }
        let byteTime = 10.0 / Double(baud)
        figures.serialOpens = LatencySamples(samples)
        figures.serialBytesPerOpen = Double(wire.map(\.bytes).reduce(0, +)) / Double(count)
        figures.serialWirePerOpen = .seconds(figures.serialBytesPerOpen * byteTime)
        figures.baud = baud

        // Every door closes 1 s after it fired; open-all starts from a quiet cabinet.
        try await Task.sleep(for: .seconds(2))
        let openAll = try await onThread { () throws -> (Duration, Int) in
            let clock = ContinuousClock()
            let started = clock.now
            let answer = try HTTPExchange.send("POST", "/lockers/open-all", port: port, headers: key)
            return (clock.now - started, answer.status)
        }
        guard openAll.1 == 200 else { throw BenchFailure("open-all answered \(openAll.1), not 200") }
        figures.openAll = openAll.0
        figures.openAllIdeal = OpenAllIdeal.duration(
            lockers: 96, concurrency: openAllConcurrency, spacing: .milliseconds(openAllSpacingMs),
            perOpen: figures.serialWirePerOpen)
        figures.openAllSettings = "96 lockers, concurrency \(openAllConcurrency), spacing \(openAllSpacingMs) ms"
        scratch.stop(gateway)
        for board in boards { scratch.stop(board.child) }
    }

    private func waitUntilOnline(_ count: Int, port: Int, gateway: ChildProcess) async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if let health = try? HTTPExchange.send("GET", "/health", port: port),
               let json = try? JSONSerialization.jsonObject(with: Data(health.body)) as? [String: Any],
               json["controllersOnline"] as? Int == count {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchFailure("the gateway's \(count) serial controllers did not come online:\n" + gateway.outputTail())
    }
}

/// The shortest open-all the pacing allows: starts at least `spacing` apart, at
/// most `concurrency` in flight, each lock taking `perOpen` (its frames' wire time).
enum OpenAllIdeal {
    static func duration(lockers: Int, concurrency: Int, spacing: Duration, perOpen: Duration) -> Duration {
        var finishes: [Duration] = []
        var lastStart: Duration?
        for _ in 0..<lockers {
            var start = lastStart.map { $0 + spacing } ?? .zero
            if finishes.count >= concurrency {
                finishes.sort()
                start = max(start, finishes.removeFirst())
            }
            lastStart = start
            finishes.append(start + perOpen)
        }
        return finishes.max() ?? .zero
    }
}

/// Runs blocking work on a thread of its own: the timings never wait for a task slot.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
