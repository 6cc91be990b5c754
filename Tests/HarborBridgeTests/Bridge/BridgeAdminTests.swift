import Foundation
import HarborBridge
import Hummingbird
import HummingbirdTesting
import Testing

/// The Admin API on a whole gateway: credentials, service state, locker counts,
/// reboot, each through the real domain, store and simulated hardware.
@Suite struct BridgeAdminTests {
    private static var basic: [String: String] {
        let credentials = Data("admin:\(BridgeHarness.adminPassword)".utf8).base64EncodedString()
        return ["Authorization": "Basic \(credentials)"]
    }

    @Test func sessionLoginOpensAdminRoutesAndLogoutClosesThem() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        try await harness.run { client in
            let refused = try await client.send(.get, "/controllers")
            #expect(refused.status == .unauthorized)
            let login = try await client.send(.post, "/auth/login", apiKey: nil, headers: Self.basic)
            #expect(login.status == .ok)
            let token = try login.decode(LoginResponse.self).token
            let session = ["X-Session-Token": token]
            let list = try await client.send(.get, "/controllers", apiKey: nil, headers: session)
            #expect(try list.decode(ControllerList.self).controllers.map(\.lockerCount) == [2])
            // An admin session is accepted on the public API too.
            #expect(try await client.send(.get, "/lockers", apiKey: nil, headers: session).status == .ok)
            #expect(try await client.send(.post, "/auth/logout", apiKey: nil, headers: session).status == .ok)
            #expect(try await client.send(.get, "/controllers", apiKey: nil, headers: session).status == .unauthorized)
        }
        try await harness.stop()
    }

    @Test func serviceStateFollowsTheSeedThroughTheAPI() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        try await harness.run { client in
            let held = try await client.send(.post, "/transactions", body: #"{"lockerId": 1}"#).decode(TransactionResponse.self)
            let off = try await client.send(.patch, "/lockers/1", body: """
                {"outOfService": true, "reasonCode": "MANUAL_DISABLE", "reason": "hinge loose"}
                """, apiKey: nil, headers: Self.basic)
            #expect(off.status == .ok)
            var locker = try await client.send(.get, "/lockers/1").decode(Locker.self)
            #expect(locker.status == .outOfService && locker.reasonCode == .manualDisable && locker.reason == "hinge loose")
            #expect(locker.transactionId == held.id)
            _ = try await client.send(.patch, "/lockers/2", body: #"{"outOfService": true, "reasonCode": "CLEANING"}"#,
                                      apiKey: nil, headers: Self.basic)
            #expect(try await client.send(.post, "/transactions").status == .conflict)

            let back = try await client.send(.patch, "/lockers/1", body: #"{"outOfService": false}"#,
                                             apiKey: nil, headers: Self.basic)
            #expect(back.status == .ok)
            locker = try await client.send(.get, "/lockers/1").decode(Locker.self)
            #expect(!locker.outOfService && locker.reasonCode == nil && locker.reason == nil)
            #expect(locker.status == .occupied)

            let badCode = try await client.send(.patch, "/lockers/1", body: #"{"outOfService": true, "reasonCode": "BORED"}"#,
                                                apiKey: nil, headers: Self.basic)
            #expect(badCode.status == .badRequest)
            let missing = try await client.send(.patch, "/lockers/99", body: #"{"outOfService": true}"#,
                                                apiKey: nil, headers: Self.basic)
            #expect(missing.status == .notFound)
            let withKey = try await client.send(.patch, "/lockers/1", body: #"{"outOfService": true}"#)
            #expect(withKey.status == .unauthorized)
        }
        try await harness.stop()
    }

    @Test func lockerCountAdjustsAndRefusesToDropAnOccupiedLocker() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 4)
        try await harness.run { client in
            let grown = try await client.send(.post, "/controllers/1/locker-count", body: #"{"lockerCount": 6}"#,
                                              apiKey: nil, headers: Self.basic)
            #expect(grown.status == .ok)
            let change = try grown.decode(AdjustLockerCountResponse.self)
            #expect(change.addedLockerIds == [5, 6] && change.removedLockerIds.isEmpty && change.lockerCount == 6)
            await harness.bridge.runtime.pollAll()
            #expect(try await client.send(.post, "/lockers/6/open").status == .ok)

            _ = try await client.send(.post, "/transactions", body: #"{"lockerId": 6}"#)
            let refused = try await client.send(.post, "/controllers/1/locker-count", body: #"{"lockerCount": 4}"#,
                                                apiKey: nil, headers: Self.basic)
            #expect(refused.status == .conflict)
            #expect(try refused.decode(APIErrorBody.self).code == "LOCKER_OCCUPIED")
            #expect(try await client.send(.get, "/lockers").decode(LockerList.self).lockers.count == 6)
            let inUse = try await client.send(.delete, "/controllers/1", apiKey: nil, headers: Self.basic)
            #expect(inUse.status == .conflict)
            #expect(try inUse.decode(APIErrorBody.self).code == "CONTROLLER_IN_USE")
        }
        try await harness.stop()
    }

    @Test func rebootAnswers202ThenRunsTheConfiguredCommandOnce() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-reboot-\(UUID().uuidString)").path
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 1) { configuration in
            configuration.rebootCommand = ["/bin/sh", "-c", "echo rebooted >> \(marker)"]
        }
        try await harness.run { client in
            let accepted = try await client.send(.post, "/system/reboot", apiKey: nil, headers: Self.basic)
            #expect(accepted.status == .accepted)
            #expect(!FileManager.default.fileExists(atPath: marker), "the answer comes before the reboot")
        }
        _ = await harness.bridge.reboots.settled()
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "rebooted\n")
        try await harness.stop()
    }
}
