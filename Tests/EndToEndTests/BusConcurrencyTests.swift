import Foundation
import Testing

/// 200 concurrent opens across 48 lockers of two CU boards that share one RS485
/// line: one `harbor-sim` serves both boards on one pty, and the real
/// `harbor-bridge` declares two serial controllers on that same device.
///
/// Acceptable answers: 200, and 504 `HARDWARE_TIMEOUT` only. The line is
/// healthy, so a 504 can only mean a machine so loaded that a reply took longer
/// than the 1.5 s unlock timeout; its unlock did reach the wire (and is counted
/// once). 502 would mean garbled bytes and 503 a bus that lost its device: both
/// are failures here, as is no answer at all.
@Suite(.serialized) struct BusConcurrencyTests {
    static let adminPassword = "bus-load-admin-password"
    static let requests = 200

    @Test func twoHundredOpensOnOneBusAreAnsweredSerialisedAndNeverRepeated() async throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-bus-\(UUID().uuidString)").path
        // A 5 ms reply latency opens a window in which a host that did not wait
        // for the reply would be caught talking over the board.
        let sim = try await SimulatorProcess([
            "--board", "cu-xor:1:24", "--board", "cu-xor:2:24", "--link", link,
            "--latency-ms", "5", "--door-close-after", "0.5",
        ])
        defer { sim.stop() }
        let bridge = try await BridgeProcess(configuration: """
            adminPassword: \(Self.adminPassword)
            settings:
              statusPollIntervalMs: 200
            controllers:
              - kind: serial
                protocol: cu-xor
                device: \(link)
                baudRate: 9600
                address: 1
                lockerCount: 24
              - kind: serial
                protocol: cu-xor
                device: \(link)
                baudRate: 9600
                address: 2
                lockerCount: 24
            """, apiKey: "bus-load-key-0123456789abcdef")
        bridge.keepDrainingOutput()
        try await bridge.waitUntilOnline(2)
        let layout = try await CabinetLayout.read(from: bridge, adminPassword: Self.adminPassword)
        try #require(layout.lockerIds.count == 48)
        #expect(layout.lockers(onBoard: 1).count == 24 && layout.lockers(onBoard: 2).count == 24)

        let targets = (0..<Self.requests).map { layout.lockerIds[$0 % layout.lockerIds.count] }
        let started = ContinuousClock.now
        let answers = await OpenVolley.fire(at: bridge, lockerIds: targets)
        let wall = started.duration(to: .now)
        let health = try await bridge.send("GET", "/health")
        #expect(health.status == 200)

        // Every request answered, each with an acceptable status.
        #expect(answers.count == Self.requests)
        let unacceptable = answers.filter { !($0.status == 200 || ($0.status == 504 && $0.code == "HARDWARE_TIMEOUT")) }
        #expect(unacceptable.isEmpty, "unacceptable answers: \(unacceptable.prefix(5))")
        let slowest = answers.map(\.elapsed).max() ?? .zero
        print("BusConcurrencyTests: \(Self.requests) opens in \(wall), slowest \(slowest), "
              + "\(answers.count { $0.status == 200 }) x 200, \(answers.count { $0.status == 504 }) x 504")

        #expect(bridge.process.isRunning)
        #expect(try await bridge.terminate() == 0)
        let finished = try #require(try await sim.finish())
        #expect(finished.status == 0)

        // The simulator checked every frame: nothing garbled, truncated or stray,
        // and no command started before the previous reply had left the wire.
        #expect(sim.violations().isEmpty, "violations: \(sim.violations().prefix(5))")
        let summary = try #require(SimulatorProcess.summary(in: finished.stderr), "stderr: \(finished.stderr)")
        #expect(summary["violations"] as? Int == 0)

        // The log itself alternates command, reply, command, reply...
        let wire = WireRecord(sim.frames())
        #expect(wire.alternationBreaks.isEmpty, "alternation breaks at \(wire.alternationBreaks.prefix(5))")

        // ...and holds exactly one unlock per answered open: the bus never re-sends.
        var asked: [CabinetLayout.Place: Int] = [:]
        for answer in answers where answer.status == 200 || answer.status == 504 {
            if let place = layout.places[answer.lockerId] { asked[place, default: 0] += 1 }
        }
        #expect(wire.unlocks == asked)
        #expect(wire.unlocks.values.reduce(0, +) == Self.requests)
        #expect(summary["unlockFrames"] as? Int == Self.requests)
    }
}
