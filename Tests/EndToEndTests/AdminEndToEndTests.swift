import Foundation
import Testing

/// The Admin API over pseudo-terminals: a technician adds a serial controller
/// that a `harbor-sim` board serves, opens one of its lockers, then replaces the
/// controller with a second board; the same locker id opens on the new board and
/// the transaction on it is untouched.
@Suite(.serialized) struct AdminEndToEndTests {
    @Test func addOpenReplaceAndOpenAgainOverPtys() async throws {
        let first = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-e2e-a-\(UUID().uuidString)").path
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-e2e-b-\(UUID().uuidString)").path
        let oldBoard = try await SimulatorProcess(["--board", "cu-xor:1:8", "--link", first, "--door-close-after", "30"])
        defer { oldBoard.stop() }
        let newBoard = try await SimulatorProcess(["--board", "cu-xor:2:8", "--link", second, "--door-close-after", "30"])
        defer { newBoard.stop() }
        let bridge = try await BridgeProcess(configuration: """
            adminPassword: e2e-admin-password-123
            settings:
              statusPollIntervalMs: 200
            """, apiKey: "e2e-key-0123456789abcdef")
        let login = try await bridge.send("POST", "/auth/login", basic: ("admin", "e2e-admin-password-123"))
        #expect(login.status == 200)
        let token = try #require(login.json["token"] as? String)
        let admin = ["X-Session-Token": token]

        let created = try await bridge.send("POST", "/controllers", body: """
            {"name": "Bench A", "kind": "serial", "protocol": "cu-xor", "device": "\(first)",
             "baudRate": 9600, "address": 1, "lockerCount": 8}
            """, headers: admin)
        #expect(created.status == 201, "\(created.json)")
        let oldId = try #require(created.json["id"] as? Int)
        try await bridge.waitUntilOnline(1)

        let details = try await bridge.send("GET", "/controllers/\(oldId)", headers: admin)
        let lockers = try #require(details.json["lockers"] as? [[String: Any]])
        let lockerId = try #require(lockers.first { $0["channel"] as? Int == 3 }?["id"] as? Int)

        let transaction = try await bridge.send("POST", "/transactions", body: #"{"lockerId": \#(lockerId)}"#)
        #expect(transaction.status == 201)
        let transactionId = try #require(transaction.json["id"] as? String)
        let opened = try await bridge.send("POST", "/lockers/\(lockerId)/open")
        #expect(opened.status == 200)
        #expect(opened.json["doorState"] as? String == "open")
        #expect(oldBoard.received("8A 01 03 11 99") == 1)

        let replaced = try await bridge.send("POST", "/controllers/\(oldId)/replace", body: """
            {"name": "Bench B", "kind": "serial", "protocol": "cu-xor", "device": "\(second)",
             "baudRate": 9600, "address": 2}
            """, headers: admin)
        #expect(replaced.status == 200, "\(replaced.json)")
        let newId = try #require(replaced.json["id"] as? Int)
        #expect(newId != oldId)
        #expect(replaced.json["replacedControllerId"] as? Int == oldId)
        let movedLockers = try #require(replaced.json["lockers"] as? [[String: Any]])
        #expect(movedLockers.compactMap { $0["id"] as? Int }.sorted() == lockers.compactMap { $0["id"] as? Int }.sorted())
        try await bridge.waitUntilOnline(1)

        let openedAgain = try await bridge.send("POST", "/transactions/\(transactionId)/open")
        #expect(openedAgain.status == 200)
        #expect(newBoard.received("8A 02 03 11 9A") == 1)
        #expect(oldBoard.received("8A 01 03 11 99") == 1)
        let kept = try await bridge.send("GET", "/transactions/\(transactionId)")
        #expect(kept.json["status"] as? String == "active")
        #expect(kept.json["lockerId"] as? Int == lockerId)
        let gone = try await bridge.send("GET", "/controllers/\(oldId)", headers: admin)
        #expect(gone.status == 404)

        #expect(try await bridge.terminate() == 0)
    }
}
