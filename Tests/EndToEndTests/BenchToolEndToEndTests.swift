import Foundation
import Testing

/// `harbor-board` against `harbor-sim` across a real pseudo-terminal: the bench
/// tool, the drivers and the simulated board firmware check each other.
@Suite(.serialized) struct BenchToolEndToEndTests {
    @Test func cuXorOpenStatusOpenAllAndScan() async throws {
        let sim = try await SimulatorProcess(["--board", "cu-xor:1:16", "--board", "cu-xor:2:24", "--door-close-after", "30"])
        defer { sim.stop() }
        let device = try #require(sim.ptyPath)
        let base = ["--device", device, "--protocol", "cu-xor"]

        let closed = try await harborBoard(base + ["--address", "1", "--json", "status", "3"])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout.contains(#""doorState":"closed""#))

        let open = try await harborBoard(base + ["--address", "1", "--json", "open", "3"])
        #expect(open.status == 0, "\(open.stderr)")
        let opened = jsonObject(open.stdout)
        #expect(opened["success"] as? Bool == true)
        #expect(opened["lock"] as? Int == 3)
        #expect(opened["doorState"] as? String == "open")
        #expect(sim.received("8A 01 03 11 99") == 1)

        let all = try await harborBoard(base + ["--address", "1", "--json", "status"])
        let locks = try #require(jsonObject(all.stdout)["locks"] as? [[String: Any]])
        #expect(locks.count == 16)
        #expect(locks.filter { $0["doorState"] as? String == "open" }.map { $0["lock"] as? Int } == [3])

        let openAll = try await harborBoard(base + ["--address", "2", "--locks", "24", "--json", "open-all"])
        #expect(openAll.status == 0, "\(openAll.stderr)")
        let outcomes = try #require(jsonObject(openAll.stdout)["locks"] as? [[String: Any]])
        #expect(outcomes.count == 24)
        #expect(outcomes.allSatisfy { $0["doorState"] as? String == "open" })
        #expect(sim.received("8A 02 00 11 99") == 1)

        let scan = try await harborBoard(base + ["--timeout", "0.1", "--json", "scan"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let boards = try #require(jsonObject(scan.stdout)["boards"] as? [[String: Any]])
        #expect(boards.compactMap { $0["address"] as? Int } == [1, 2])
    }

    @Test func kerongCU16OpenStatusOpenAllAndScan() async throws {
        let sim = try await SimulatorProcess(["--board", "kerong-cu16:0:16", "--board", "kerong-cu16:3:16", "--door-close-after", "30"])
        defer { sim.stop() }
        let device = try #require(sim.ptyPath)
        let base = ["--device", device, "--protocol", "kerong-cu16"]

        let open = try await harborBoard(base + ["--address", "0", "--json", "open", "1"])
        #expect(open.status == 0, "\(open.stderr)")
        #expect(jsonObject(open.stdout)["doorState"] as? String == "open")
        #expect(sim.received("02 00 31 03 36") == 1)

        let status = try await harborBoard(base + ["--address", "0", "--json", "status", "1"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains(#""doorState":"open""#))

        let openAll = try await harborBoard(base + ["--address", "3", "--json", "open-all"])
        #expect(openAll.status == 0, "\(openAll.stderr)")
        let outcomes = try #require(jsonObject(openAll.stdout)["locks"] as? [[String: Any]])
        #expect(outcomes.count == 16)
        #expect(outcomes.allSatisfy { $0["doorState"] as? String == "open" })

        let scan = try await harborBoard(base + ["--timeout", "0.1", "--json", "scan"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let boards = try #require(jsonObject(scan.stdout)["boards"] as? [[String: Any]])
        #expect(boards.compactMap { $0["address"] as? Int } == [0, 3])
    }

    @Test func silentBoardExitsThreeInTimeWithExactlyOneUnlockOnTheWire() async throws {
        let sim = try await SimulatorProcess(["--board", "cu-xor:1:16", "--silent", "1"])
        defer { sim.stop() }
        let result = try await harborBoard([
            "--device", try #require(sim.ptyPath), "--protocol", "cu-xor",
            "--address", "1", "--timeout", "0.5", "--json", "open", "2",
        ])
        #expect(result.status == 3)
        #expect(result.elapsed < .seconds(3))
        #expect(jsonObject(result.stdout)["success"] as? Bool == false)
        #expect(result.stdout.contains("HARDWARE_TIMEOUT"))
        try await Task.sleep(for: .milliseconds(200))
        #expect(sim.received("8A 01 02 11 98") == 1)
    }

    @Test func noiseBeforeTheReplyStillSucceeds() async throws {
        let sim = try await SimulatorProcess(["--board", "cu-xor:1:16", "--noise"])
        defer { sim.stop() }
        let result = try await harborBoard([
            "--device", try #require(sim.ptyPath), "--protocol", "cu-xor", "--address", "1", "--json", "open", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(jsonObject(result.stdout)["doorState"] as? String == "open")
    }

    @Test func corruptedChecksumIsRefused() async throws {
        let sim = try await SimulatorProcess(["--board", "cu-xor:1:16", "--corrupt-checksums"])
        defer { sim.stop() }
        let result = try await harborBoard([
            "--device", try #require(sim.ptyPath), "--protocol", "cu-xor", "--address", "1", "--timeout", "0.5",
            "--json", "status", "1",
        ])
        #expect(result.status == 5)
        #expect(result.stdout.contains("HARDWARE_BAD_REPLY"))
    }

    @Test func deviceDisappearingMidRequestExitsFour() async throws {
        let sim = try await SimulatorProcess(["--board", "cu-xor:1:16", "--vanish-after-frames", "1"])
        defer { sim.stop() }
        // A read: an unlock whose device vanishes after it went out is a lost
        // reply instead (exit 3, outcome unknown), since the lock may have fired.
        let result = try await harborBoard([
            "--device", try #require(sim.ptyPath), "--protocol", "cu-xor", "--address", "1", "--timeout", "2",
            "--json", "status", "1",
        ])
        #expect(result.status == 4, "\(result.stdout) \(result.stderr)")
        #expect(result.elapsed < .seconds(2))
        #expect(result.stdout.contains("DEVICE_VANISHED"))
    }

    @Test func missingDeviceExitsFour() async throws {
        let result = try await harborBoard([
            "--device", "/dev/ttyUSB-harbor-missing", "--protocol", "cu-xor", "--address", "1", "open", "1",
        ])
        #expect(result.status == 4)
        #expect(result.stderr.contains("DEVICE_NOT_FOUND"))
    }

    @Test func tcpBridgeCarriesTheSameProtocol() async throws {
        let sim = try await SimulatorProcess(["--board", "cu-xor:5:8", "--tcp-port", "0"])
        defer { sim.stop() }
        let port = try #require(sim.tcpPort)
        let result = try await harborBoard([
            "--host", "127.0.0.1", "--port", "\(port)", "--protocol", "cu-xor", "--address", "5", "--locks", "8",
            "--json", "open", "8",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(jsonObject(result.stdout)["doorState"] as? String == "open")
    }

    @Test(arguments: [
        ["--protocol", "cu-xor", "--address", "1", "open", "1"],                      // no endpoint
        ["--device", "/dev/null", "--protocol", "cu-xor", "--address", "1", "fly"],   // unknown command
        ["--device", "/dev/null", "--protocol", "cu-xor", "--address", "40", "open", "1"], // address out of range
        ["--device", "/dev/null", "--protocol", "nope", "--address", "1", "open", "1"],    // unknown protocol
        ["--device", "/dev/null", "--protocol", "cu-xor", "open", "1"],               // no address
    ])
    func usageErrorsExitTwo(arguments: [String]) async throws {
        let result = try await harborBoard(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }
}
