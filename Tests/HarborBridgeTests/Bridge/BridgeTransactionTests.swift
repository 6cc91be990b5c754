import Foundation
import HarborBridge
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@Suite struct BridgeTransactionTests {
    @Test func fiftySimultaneousCreatesNeverGiveOneLockerTwice() async throws {
        let harness = try await BridgeHarness.start(boards: 2, lockersPerBoard: 16)
        try await harness.run { client in
            let answers = try await withThrowingTaskGroup(of: (UInt, Int64?).self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await client.send(.post, "/transactions")
                        let lockerId = response.status == .created
                            ? try response.decode(TransactionResponse.self).lockerId : nil
                        return (UInt(response.status.code), lockerId)
                    }
                }
                var all: [(UInt, Int64?)] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            let lockers = answers.compactMap(\.1)
            #expect(lockers.count == 32)
            #expect(Set(lockers).count == 32)
            #expect(answers.filter { $0.0 == 409 }.count == 18)
            let conflict = try await client.send(.post, "/transactions")
            #expect(conflict.status == .conflict)
            #expect(try conflict.decode(APIErrorBody.self).code == "NO_LOCKER_AVAILABLE")
        }
        try await harness.stop()
    }

    @Test func transactionLifecycleWithItsConflicts() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 4)
        try await harness.run { client in
            let created = try await client.send(.post, "/transactions", body: #"{"lockerId": 3, "reference": "order 17"}"#)
            #expect(created.status == .created)
            let transaction = try created.decode(TransactionResponse.self)
            #expect(transaction.lockerId == 3)
            #expect(created.headers[.location] == "/transactions/\(transaction.id)")

            let taken = try await client.send(.post, "/transactions", body: #"{"lockerId": 3}"#)
            #expect(taken.status == .conflict)
            #expect(try taken.decode(APIErrorBody.self).code == "LOCKER_NOT_AVAILABLE")
            let missing = try await client.send(.post, "/transactions", body: #"{"lockerId": 99}"#)
            #expect(missing.status == .notFound)

            let locker = try await client.send(.get, "/lockers/3")
            #expect(try locker.decode(Locker.self).status == .occupied)
            #expect(try locker.decode(Locker.self).transactionId == transaction.id)

            let opened = try await client.send(.post, "/transactions/\(transaction.id)/open")
            #expect(opened.status == .ok)
            #expect(try opened.decode(LockerOperationResponse.self).doorState == .open)

            let released = try await client.send(.post, "/transactions/\(transaction.id)/release")
            #expect(released.status == .ok)
            #expect(try released.decode(TransactionResponse.self).status == .released)
            let again = try await client.send(.post, "/transactions/\(transaction.id)/release")
            #expect(again.status == .conflict)
            #expect(try again.decode(APIErrorBody.self).code == "TRANSACTION_ALREADY_RELEASED")
            let openReleased = try await client.send(.post, "/transactions/\(transaction.id)/open")
            #expect(openReleased.status == .conflict)
            #expect(try openReleased.decode(APIErrorBody.self).code == "TRANSACTION_NOT_ACTIVE")

            let list = try await client.send(.get, "/transactions?status=released&lockerId=3")
            let page = try list.decode(TransactionList.self)
            #expect(page.total == 1)
            #expect(page.transactions.map(\.id) == [transaction.id])
            let unknown = try await client.send(.get, "/transactions/\(UUID().uuidString.lowercased())")
            #expect(unknown.status == .notFound)
            #expect(try unknown.decode(APIErrorBody.self).code == "TRANSACTION_NOT_FOUND")
        }
        try await harness.stop()
    }

    @Test func outOfServiceLockersAreNeitherGivenNorOpenedByTheAPIKey() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        let active = try await harness.bridge.store.createTransaction(lockerId: 1)
        _ = try await harness.bridge.store.setServiceState(lockerId: 1, outOfService: true, reasonCode: "MANUAL_DISABLE")
        _ = try await harness.bridge.store.setServiceState(lockerId: 2, outOfService: true, reasonCode: "DAMAGED")
        try await harness.run { client in
            let none = try await client.send(.post, "/transactions")
            #expect(none.status == .conflict)
            let refused = try await client.send(.post, "/lockers/2/open")
            #expect(refused.status == .conflict)
            #expect(try refused.decode(APIErrorBody.self).code == "LOCKER_OUT_OF_SERVICE")
            // The customer of an existing transaction still gets their belongings out.
            let byTransaction = try await client.send(.post, "/transactions/\(active.id)/open")
            #expect(byTransaction.status == .ok)
            let locker = try await client.send(.get, "/lockers/1").decode(Locker.self)
            #expect(locker.status == .outOfService)
            #expect(locker.transactionId == active.id)
            #expect(locker.reasonCode == .manualDisable)
        }
        try await harness.stop()
    }

    @Test func stateIsTheSameAfterARestartOnTheSameDataDirectory() async throws {
        let first = try await BridgeHarness.start(boards: 2, lockersPerBoard: 4)
        let before = Mutex<(lockers: [Locker], transactions: TransactionList)?>(nil)
        _ = try await first.bridge.store.setServiceState(
            lockerId: 6, outOfService: true, reasonCode: "CLEANING", reason: "spill")
        try await first.run { client in
            for _ in 0..<3 { _ = try await client.send(.post, "/transactions", body: #"{"reference": "kept"}"#) }
            let list = try await client.send(.get, "/transactions").decode(TransactionList.self)
            _ = try await client.send(.post, "/transactions/\(list.transactions[0].id)/release")
            let lockers = try await client.send(.get, "/lockers").decode(LockerList.self).lockers
            let transactions = try await client.send(.get, "/transactions").decode(TransactionList.self)
            before.withLock { $0 = (lockers, transactions) }
        }
        try await first.stop()

        let second = try await BridgeHarness.start(directory: first.directory, boards: 2, lockersPerBoard: 4)
        let saved = try #require(before.withLock { $0 })
        try await second.run { client in
            let transactions = try await client.send(.get, "/transactions").decode(TransactionList.self)
            #expect(transactions == saved.transactions)
            #expect(transactions.total == 3)
            #expect(transactions.transactions.filter { $0.status == .active }.count == 2)
            let lockers = try await client.send(.get, "/lockers").decode(LockerList.self).lockers
            #expect(lockers == saved.lockers)
            let cleaned = try #require(lockers.first { $0.id == 6 })
            #expect(cleaned.outOfService && cleaned.reasonCode == .cleaning && cleaned.reason == "spill")
        }
        try await second.stop()
    }
}

@Suite struct LockerListFreshnessTests {
    @Test func theListFollowsEveryChangeOfStoreAndHardware() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 3)
        try await harness.run { client in
            func list() async throws -> [Locker] {
                try await client.send(.get, "/lockers").decode(LockerList.self).lockers
            }
            #expect(try await list().map(\.status) == [.available, .available, .available])
            #expect(try await list().map(\.status) == [.available, .available, .available])
            _ = try await client.send(.post, "/transactions", body: #"{"lockerId": 2}"#)
            #expect(try await list().map(\.status) == [.available, .occupied, .available])
            _ = try await client.send(.post, "/lockers/3/open")
            #expect(try await list().map(\.doorState) == [.closed, .closed, .open])
            _ = try await harness.bridge.store.setServiceState(lockerId: 1, outOfService: true, reasonCode: "DAMAGED")
            #expect(try await list().first?.status == .outOfService)
            let line = try #require(await harness.bridge.runtime.simulatedLine(controllerId: 1))
            await line.unplug()
            await harness.bridge.runtime.pollAll()
            #expect(try await list().allSatisfy { !$0.operational && $0.doorState == .unknown })
        }
        try await harness.stop()
    }
}
