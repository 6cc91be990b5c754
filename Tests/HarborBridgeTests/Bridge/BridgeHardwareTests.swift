import Foundation
import HarborBridge
import HarborDrivers
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct BridgeHardwareTests {
    @Test func openAllFiresEveryLockerPacedAndSkipsOutOfService() async throws {
        let harness = try await BridgeHarness.start(boards: 2, lockersPerBoard: 4)
        _ = try await harness.bridge.store.setServiceState(lockerId: 2, outOfService: true, reasonCode: "DAMAGED")
        try await harness.run { client in
            let paced = try await client.send(.patch, "/system/config", body: #"{"openAllConcurrency": 2, "openAllSpacingMs": 20}"#)
            #expect(paced.status == .ok)
            let response = try await client.send(.post, "/lockers/open-all")
            #expect(response.status == .ok)
            let run = try response.decode(OpenAllLockersResponse.self)
            #expect(run.results.map(\.lockerId) == Array(1...8))
            #expect(run.opened == 7 && run.skipped == 1 && run.failed == 0)
            #expect(run.results[1].outcome == .skipped)
            // Eight starts 20 ms apart cannot take less than seven gaps.
            #expect(run.durationMs >= 7 * 20 - 20)
        }
        let line = try #require(await harness.bridge.runtime.simulatedLine(controllerId: 1))
        #expect(await line.fireCount(address: 1, channel: 2) == 0)
        #expect(await line.fireCount(address: 1, channel: 3) == 1)
        try await harness.stop()
    }

    @Test func unpluggedControllerGoesOfflineAnswers503AndComesBack() async throws {
        let harness = try await BridgeHarness.start(boards: 2, lockersPerBoard: 2)
        let line = try #require(await harness.bridge.runtime.simulatedLine(controllerId: 2))
        await line.unplug()
        await harness.bridge.runtime.pollAll()
        try await harness.run { client in
            let lockers = try await client.send(.get, "/lockers").decode(LockerList.self).lockers
            #expect(lockers.filter { $0.controllerId == 2 }.allSatisfy { !$0.operational && $0.doorState == .unknown })
            #expect(lockers.filter { $0.controllerId == 1 }.allSatisfy { $0.operational && $0.doorState == .closed })
            let health = try await client.send(.get, "/health", apiKey: nil).decode(Health.self)
            #expect(health.status == .degraded && health.controllersOnline == 1)

            let open = try await client.send(.post, "/lockers/3/open")
            #expect(open.status == .serviceUnavailable)
            #expect(try open.decode(APIErrorBody.self).code == "CONTROLLER_UNREACHABLE")

            let all = try await client.send(.post, "/lockers/open-all")
            #expect(all.status.code == 207)
            let run = try all.decode(MultiStatusOperationResponse.self)
            #expect(run.success == false && run.opened == 2 && run.failed == 2)
            #expect(run.results.filter { !$0.success }.map(\.lockerId) == [3, 4])

            // New transactions only get lockers whose controller answers.
            let first = try await client.send(.post, "/transactions").decode(TransactionResponse.self)
            #expect([1, 2].contains(first.lockerId))

            await line.plugIn()
            try await Task.sleep(for: .milliseconds(300))
            await harness.bridge.runtime.pollAll()
            let back = try await client.send(.get, "/lockers/3").decode(Locker.self)
            #expect(back.operational && back.doorState == .closed)
            let logs = try await client.send(.get, "/system/logs?level=notice&category=hardware").decode(LogList.self)
            #expect(logs.logs.contains { $0.message.hasPrefix("controller 2 offline") })
            #expect(logs.logs.contains { $0.message == "controller 2 online" })
            // Open-all answered 207, so each failed lock is its own error line (a Sentry event).
            let errors = try await client.send(.get, "/system/logs?level=error&category=audit").decode(LogList.self).logs
            #expect(errors.filter { $0.message == "locker open failed during open-all" }.count == 2)
        }
        try await harness.stop()
    }

    @Test func theLockerListIsServedAgainOnlyWhileNothingItShowsHasChanged() async throws {
        let harness = try await BridgeHarness.start(boards: 2, lockersPerBoard: 2)
        let line = try #require(await harness.bridge.runtime.simulatedLine(controllerId: 2))
        try await harness.run { client in
            let first = try await client.send(.get, "/lockers").text
            #expect(try await client.send(.get, "/lockers").text == first)
            // A door the hardware reports open: the live state changed, the list follows.
            #expect(try await client.send(.post, "/lockers/1/open").status == .ok)
            let opened = try await client.send(.get, "/lockers").decode(LockerList.self).lockers
            #expect(opened.first { $0.id == 1 }?.doorState == .open)
            // A controller that stops answering: its lockers turn non-operational in the list.
            await line.unplug()
            await harness.bridge.runtime.pollAll()
            let offline = try await client.send(.get, "/lockers").decode(LockerList.self).lockers
            #expect(offline.filter { $0.controllerId == 2 }.allSatisfy { !$0.operational && $0.doorState == .unknown })
            // A stored change (a transaction) shows at once too.
            let held = try await client.send(.post, "/transactions", body: #"{"lockerId": 2}"#).decode(TransactionResponse.self)
            let taken = try await client.send(.get, "/lockers").decode(LockerList.self).lockers
            #expect(taken.first { $0.id == 2 }?.transactionId == held.id)
        }
        try await harness.stop()
    }

    @Test func pollsThatChangeNothingKeepTheListsKeySoKiosksGetTheSameBytes() async throws {
        let harness = try await BridgeHarness.start(boards: 2, lockersPerBoard: 2)
        let runtime = harness.bridge.runtime
        await runtime.pollAll()
        let settled = runtime.liveStateGeneration.load(ordering: .acquiring)
        await runtime.pollAll()
        await runtime.pollAll()
        // Counters and last-seen times moved; nothing the list shows did.
        #expect(runtime.liveStateGeneration.load(ordering: .acquiring) == settled)
        try await harness.run { client in
            let opened = try await client.send(.post, "/lockers/1/open")
            #expect(opened.status == .ok)
        }
        #expect(runtime.liveStateGeneration.load(ordering: .acquiring) != settled)
        try await harness.stop()
    }

    @Test func configurationChangesApplyWithoutRestartAndBadOnesChangeNothing() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        try await harness.run { client in
            let changed = try await client.send(.patch, "/system/config", body: """
                {"gatewayName": "Dock 4", "statusPollIntervalMs": 250, "logLevel": "debug", "pulseMs": 700}
                """)
            #expect(changed.status == .ok)
            let system = try changed.decode(System.self)
            #expect(system.gatewayName == "Dock 4" && system.config.statusPollIntervalMs == 250)
            #expect(system.config.logLevel == .debug && system.config.pulseMs == 700)
            #expect(harness.bridge.journal.currentLevel == .debug)

            let refused = try await client.send(.patch, "/system/config", body: #"{"gatewayName": "Other", "pulseMs": 10}"#)
            #expect(refused.status == .badRequest)
            #expect(try refused.decode(APIErrorBody.self).code == "VALIDATION_FAILED")
            let after = try await client.send(.get, "/system").decode(System.self)
            #expect(after.gatewayName == "Dock 4" && after.config.pulseMs == 700)
            #expect(after.controllers.map(\.online) == [true])
            #expect(after.lockers.total == 2 && after.lockers.available == 2)
            #expect(after.network.interfaces.contains { $0.name == "lo" })
            #expect(after.storage.databaseBytes > 0)
        }
        // The change was stored: a gateway started on the same data keeps it.
        try await harness.stop()
        let again = try await BridgeHarness.start(directory: harness.directory, boards: 1, lockersPerBoard: 2)
        #expect(again.bridge.settings.settings.gatewayName == "Dock 4")
        #expect(again.bridge.settings.settings.statusPollIntervalMs == 250)
        try await again.stop()
    }

    @Test func opensAreAuditedWithWhoAsked() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        _ = try await harness.bridge.store.setServiceState(lockerId: 2, outOfService: true, reasonCode: "DAMAGED")
        try await harness.run { client in
            _ = try await client.send(.post, "/lockers/1/open")
            _ = try await client.send(.post, "/lockers/2/open")
            let logs = try await client.send(.get, "/system/logs?category=audit").decode(LogList.self).logs
            let granted = try #require(logs.first { $0.message == "locker opened" })
            #expect(granted.metadata?["caller"] == "api-key" && granted.metadata?["locker"] == "1")
            let refused = try #require(logs.first { $0.message == "locker open refused or failed" })
            #expect(refused.metadata?["code"] == "LOCKER_OUT_OF_SERVICE" && refused.metadata?["locker"] == "2")
            let warnings = try await client.send(.get, "/system/logs?level=warning").decode(LogList.self).logs
            #expect(warnings.allSatisfy { $0.level >= .warning })
            #expect(!warnings.isEmpty)
        }
        try await harness.stop()
    }
}
