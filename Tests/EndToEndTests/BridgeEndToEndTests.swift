import Foundation
import Testing

/// `harbor-bridge` with a serial controller on a pseudo-terminal served by
/// `harbor-sim`: an HTTP open becomes a CU XOR frame on the line, and the door
/// state the board answered comes back in the response.
@Suite(.serialized) struct BridgeEndToEndTests {
    @Test func opensByLockerAndByTransactionThroughASerialBoard() async throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-e2e-tty-\(UUID().uuidString)").path
        let sim = try await SimulatorProcess(["--board", "cu-xor:1:8", "--link", link, "--door-close-after", "30"])
        defer { sim.stop() }
        let bridge = try await BridgeProcess(configuration: """
            settings:
              statusPollIntervalMs: 200
            controllers:
              - kind: serial
                protocol: cu-xor
                device: \(link)
                baudRate: 9600
                address: 1
                lockerCount: 8
            """, apiKey: "e2e-key-0123456789abcdef")
        try await bridge.waitUntilOnline(1)

        let opened = try await bridge.send("POST", "/lockers/1/open")
        #expect(opened.status == 200)
        #expect(opened.json["doorState"] as? String == "open")
        #expect(opened.json["outcome"] as? String == "opened")
        #expect(sim.received("8A 01 01 11 9B") == 1)

        let created = try await bridge.send("POST", "/transactions", body: #"{"lockerId": 2}"#)
        #expect(created.status == 201)
        let transactionId = try #require(created.json["id"] as? String)
        let byTransaction = try await bridge.send("POST", "/transactions/\(transactionId)/open")
        #expect(byTransaction.status == 200)
        #expect(byTransaction.json["doorState"] as? String == "open")
        #expect(sim.received("8A 01 02 11 98") == 1)

        try await Task.sleep(for: .milliseconds(500))
        let locker = try await bridge.send("GET", "/lockers/2")
        #expect(locker.json["doorState"] as? String == "open")
        #expect(locker.json["transactionId"] as? String == transactionId)
        let closed = try await bridge.send("GET", "/lockers/3")
        #expect(closed.json["doorState"] as? String == "closed")

        #expect(try await bridge.terminate() == 0)
    }
}
