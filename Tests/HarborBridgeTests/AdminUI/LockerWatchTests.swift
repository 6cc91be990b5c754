import HarborDrivers
@testable import HarborBridge
import Logging
import ServiceLifecycle
import Testing

/// The watch turns store and hardware changes into `.locker` events, and
/// lockers coming or going into one `.cabinetChanged`.
@Suite struct LockerWatchTests {
    /// Every event waiting for `subscription` right now.
    static func drain(_ subscription: LockerEventSubscription) async -> [LockerEvent] {
        var events: [LockerEvent] = []
        subscription.requestHeartbeat()
        while let delivery = await subscription.next(), case let .event(event) = delivery {
            events.append(event)
        }
        return events
    }

    @Test func aServiceStateChangeIsPublishedOnceWithTheWholeLocker() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 3)
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        var snapshot = LockerSnapshot()
        await snapshot.publishChanges(of: harness.bridge.gateway, into: broadcast)
        #expect(await Self.drain(subscription).isEmpty, "the first reading is the baseline")

        _ = try await harness.bridge.store.setServiceState(lockerId: 2, outOfService: true, reasonCode: "DAMAGED")
        await snapshot.publishChanges(of: harness.bridge.gateway, into: broadcast)
        let events = await Self.drain(subscription)
        guard case let .locker(state)? = events.first, events.count == 1 else {
            Issue.record("expected one locker event, got \(events)")
            return
        }
        #expect(state.record.id == 2 && state.status == "out_of_service" && state.record.reasonCode == "DAMAGED")

        await snapshot.publishChanges(of: harness.bridge.gateway, into: broadcast)
        #expect(await Self.drain(subscription).isEmpty, "nothing changed since")
        try await harness.stop()
    }

    @Test func doorsAndTransactionsArePublishedAsLockerChanges() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        var snapshot = LockerSnapshot()
        await snapshot.publishChanges(of: harness.bridge.gateway, into: broadcast)

        _ = try await harness.bridge.gateway.createTransaction(lockerId: 1, reference: nil, by: .apiKey)
        _ = try await harness.bridge.runtime.open(lockerId: 2)
        await snapshot.publishChanges(of: harness.bridge.gateway, into: broadcast)
        let states = await Self.drain(subscription).compactMap { event -> LockerState? in
            if case let .locker(state) = event { return state }
            return nil
        }
        #expect(states.map(\.record.id) == [1, 2])
        #expect(states.first?.status == "occupied" && states.first?.transactionId != nil)
        #expect(states.last?.doorState == .open)
        try await harness.stop()
    }

    @Test func lockersComingOrGoingAskForAFullReading() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        var snapshot = LockerSnapshot()
        await snapshot.publishChanges(of: harness.bridge.gateway, into: broadcast)
        _ = try await harness.bridge.administration.adjustLockerCount(controllerId: 1, to: 4, by: .admin(user: "admin"))
        await snapshot.publishChanges(of: harness.bridge.gateway, into: broadcast)
        #expect(await Self.drain(subscription) == [.cabinetChanged])
        try await harness.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func aGracefulShutdownEndsEveryStreamOfTheWatch() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 1)
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        let watch = LockerWatch(gateway: harness.bridge.gateway, broadcast: broadcast, interval: .milliseconds(20))
        let group = ServiceGroup(configuration: .init(services: [watch], logger: Logger(label: "watch-test")))
        async let running: Void = group.run()
        await group.triggerGracefulShutdown()
        try await running
        #expect(await subscription.next() == nil)
        #expect(await broadcast.subscribe().next() == nil, "a stream opened during shutdown ends at once")
        try await harness.stop()
    }
}
