import Foundation
import Testing

/// A faulty board on its own `harbor-sim` (its own pty, so its own bus) beside a
/// healthy board on another, both driven by the real `harbor-bridge`.
///
/// For every fault: opens on the faulty board answer with the contract's typed
/// error within `bound`; opens on the healthy board succeed while the faulty one
/// is failing and afterwards; `GET /health` stays 200; the bridge never exits and
/// stops with 0 on SIGTERM. Noise before a valid reply is no fault at all: the
/// bus skips it, and the open succeeds.
@Suite(.serialized) struct BoardFaultTests {
    static let adminPassword = "fault-admin-password"
    /// The longest an open on a faulty board may take: it can queue behind one
    /// status poll of the same bus (query timeout 0.8 s), then waits for its own
    /// reply (unlock timeout 1.5 s); 1.2 s more for a loaded machine and HTTP.
    static let bound: Duration = .milliseconds(800 + 1500 + 1200)
    static let faultyUnlock = "8A 01 01 11 9B"

    /// What the faulty board does, and what its first and second opens must answer.
    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// Status, code and outcome of the first open (nil code: success).
        var first: (status: Int, code: String?, outcome: String?)
        var second: (status: Int, code: String?, outcome: String?)
        /// Every reply on the faulty board's wire starts with the stray bytes.
        var noiseOnTheWire = false
        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        // No reply: the lock may have fired, so the outcome is unknown (contract: 504).
        Fault(name: "silent", arguments: ["--silent", "1"],
              first: (504, "HARDWARE_TIMEOUT", "unknown"), second: (504, "HARDWARE_TIMEOUT", "unknown")),
        // A reply with a bad checksum: the contract's 502, outcome unknown.
        Fault(name: "corrupt checksums", arguments: ["--corrupt-checksums"],
              first: (502, "HARDWARE_BAD_REPLY", "unknown"), second: (502, "HARDWARE_BAD_REPLY", "unknown")),
        // FA FD 99 99 before every reply: skipped by the bus, the open succeeds.
        Fault(name: "noise", arguments: ["--noise"], first: (200, nil, nil), second: (200, nil, nil),
              noiseOnTheWire: true),
        // Frame 1 is the start-up poll; frame 2, the first open, takes the line
        // away mid-request: the unlock went out and its reply never came, so
        // its outcome is unknown (504). Then the device is gone: 503, nothing sent.
        Fault(name: "device vanishes", arguments: ["--vanish-after-frames", "2"],
              first: (504, "HARDWARE_TIMEOUT", "unknown"), second: (503, "CONTROLLER_UNREACHABLE", "failed")),
    ]

    @Test(arguments: faults)
    func faultyBoardFailsTypedAndBoundedWhileTheOtherBoardWorks(_ fault: Fault) async throws {
        let directory = FileManager.default.temporaryDirectory
        let faultyLink = directory.appendingPathComponent("harbor-faulty-\(UUID().uuidString)").path
        let healthyLink = directory.appendingPathComponent("harbor-healthy-\(UUID().uuidString)").path
        let faulty = try await SimulatorProcess(["--board", "cu-xor:1:8", "--link", faultyLink] + fault.arguments)
        defer { faulty.stop() }
        let healthy = try await SimulatorProcess(["--board", "cu-xor:2:8", "--link", healthyLink])
        defer { healthy.stop() }
        // One poll per controller at start-up, then none for a minute: the faulty
        // bus is free when the test opens, and the vanish count is exact.
        let bridge = try await BridgeProcess(configuration: """
            adminPassword: \(Self.adminPassword)
            settings:
              statusPollIntervalMs: 60000
            controllers:
              - kind: serial
                protocol: cu-xor
                device: \(faultyLink)
                baudRate: 9600
                address: 1
                lockerCount: 8
              - kind: serial
                protocol: cu-xor
                device: \(healthyLink)
                baudRate: 9600
                address: 2
                lockerCount: 8
            """, apiKey: "fault-key-0123456789abcdef")
        bridge.keepDrainingOutput()
        let layout = try await CabinetLayout.read(from: bridge, adminPassword: Self.adminPassword)
        let faultyLocker = try #require(layout.lockers(onBoard: 1).first)
        let healthyLockers = layout.lockers(onBoard: 2)
        try #require(healthyLockers.count == 8)
        // Both start-up polls have run (the silent board's to its timeout).
        try await waitUntil { faulty.frames().contains { $0["dir"] as? String == "rx" } }
        try await waitUntil { (try? await bridge.send("GET", "/health"))?.json["controllersOnline"] as? Int ?? 0 >= 1 }

        // The faulty open, with healthy opens and health checks running alongside.
        async let faultyAnswer = OpenVolley.open(faultyLocker, at: bridge)
        async let healthyDuring = openEach(Array(healthyLockers.prefix(4)), at: bridge)
        async let healthDuring = healthStatuses(bridge, count: 4)
        let first = await faultyAnswer
        let during = await healthyDuring
        let healthWhileFailing = try await healthDuring
        #expect(during.allSatisfy { $0.status == 200 }, "healthy board during the \(fault.name) fault: \(during)")
        #expect(healthWhileFailing.allSatisfy { $0 == 200 })
        check(first, fault.first, "first open on the \(fault.name) board")
        #expect(faulty.received(Self.faultyUnlock) == 1, "the unlock reached the board once, never re-sent")

        let second = await OpenVolley.open(faultyLocker, at: bridge)
        check(second, fault.second, "second open on the \(fault.name) board")
        let after = await openEach(Array(healthyLockers.suffix(4)), at: bridge)
        #expect(after.allSatisfy { $0.status == 200 }, "healthy board after the \(fault.name) fault: \(after)")
        #expect(try await bridge.send("GET", "/health").status == 200)
        if fault.noiseOnTheWire {
            let replies = faulty.frames().filter { $0["dir"] as? String == "tx" }.compactMap { $0["hex"] as? String }
            #expect(!replies.isEmpty && replies.allSatisfy { $0.hasPrefix("FA FD 99 99 ") })
        }
        print("BoardFaultTests [\(fault.name)]: first open \(first.status) in \(first.elapsed), "
              + "second \(second.status) in \(second.elapsed) (bound \(Self.bound))")

        #expect(bridge.process.isRunning, "the bridge must survive the \(fault.name) fault")
        #expect(try await bridge.terminate() == 0)
    }

    private func check(
        _ answer: OpenAnswer, _ expected: (status: Int, code: String?, outcome: String?), _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(answer.status == expected.status, "\(what): \(answer)", sourceLocation: sourceLocation)
        #expect(answer.code == expected.code, "\(what): \(answer)", sourceLocation: sourceLocation)
        #expect(answer.outcome == expected.outcome, "\(what): \(answer)", sourceLocation: sourceLocation)
        #expect(answer.elapsed < Self.bound, "\(what) took \(answer.elapsed)", sourceLocation: sourceLocation)
    }

    private func openEach(_ lockers: [Int], at bridge: BridgeProcess) async -> [OpenAnswer] {
        var answers: [OpenAnswer] = []
        for locker in lockers { answers.append(await OpenVolley.open(locker, at: bridge)) }
        return answers
    }

    private func healthStatuses(_ bridge: BridgeProcess, count: Int) async throws -> [Int] {
        var statuses: [Int] = []
        for _ in 0..<count {
            statuses.append(try await bridge.send("GET", "/health").status)
            try await Task.sleep(for: .milliseconds(150))
        }
        return statuses
    }

    private func waitUntil(within limit: Duration = .seconds(10), _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("condition not met within \(limit)")
    }
}
