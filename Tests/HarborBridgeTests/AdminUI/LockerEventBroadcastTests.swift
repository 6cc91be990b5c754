import HarborDrivers
@testable import HarborBridge
import Testing

@Suite struct LockerEventBroadcastTests {
    static func door(_ lockerId: Int64) -> LockerEvent {
        .door(lockerId: lockerId, from: .closed, to: .open)
    }

    @Test func everySubscriberGetsEveryEventInOrder() async {
        let broadcast = LockerEventBroadcast()
        let first = broadcast.subscribe()
        let second = broadcast.subscribe()
        #expect(broadcast.subscriberCount == 2)
        for id in 1...3 { broadcast.publish(Self.door(Int64(id))) }
        for subscription in [first, second] {
            for id in 1...3 { #expect(await subscription.next() == .event(Self.door(Int64(id)))) }
        }
    }

    @Test func anEventReachesAReadAlreadyUnderWay() async {
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        async let delivered = subscription.next()
        // Should the read not wait yet, the event is queued for it instead.
        broadcast.publish(.controller(controllerId: 2, online: false, code: "HARDWARE_TIMEOUT", message: "silent"))
        #expect(await delivered == .event(.controller(controllerId: 2, online: false, code: "HARDWARE_TIMEOUT", message: "silent")))
    }

    /// A subscriber that never reads costs the publisher and the others nothing:
    /// publishing is synchronous, the reader keeps up, and the stuck one is told
    /// to resync with only the events after its last overflow.
    @Test func aSlowSubscriberIsResyncedWithoutHoldingUpOthers() async {
        let broadcast = LockerEventBroadcast(capacity: 4)
        let stuck = broadcast.subscribe()
        let reader = broadcast.subscribe()
        for id in 1...10 {
            broadcast.publish(Self.door(Int64(id)))
            #expect(await reader.next() == .event(Self.door(Int64(id))))
        }
        #expect(await stuck.next() == .resync)
        #expect(await stuck.next() == .event(Self.door(9)))
        #expect(await stuck.next() == .event(Self.door(10)))
        for id in 11...12 { broadcast.publish(Self.door(Int64(id))) }
        #expect(await stuck.next() == .event(Self.door(11)))
        #expect(await reader.next() == .event(Self.door(11)))
    }

    @Test func cancellingReleasesTheSubscriberAndEndsAWaitingRead() async {
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        async let ended = subscription.next()
        while broadcast.subscriberCount != 1 { await Task.yield() }
        subscription.cancel()
        #expect(await ended == nil)
        #expect(broadcast.subscriberCount == 0)
        broadcast.publish(Self.door(1))
        #expect(await subscription.next() == nil)
    }

    @Test func cancellingTheReadingTaskReleasesTheSubscriber() async {
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        let reader = Task { await subscription.next() }
        reader.cancel()
        #expect(await reader.value == nil)
        #expect(broadcast.subscriberCount == 0)
    }

    @Test func aReleasedSubscriptionLeavesTheBroadcast() {
        let broadcast = LockerEventBroadcast()
        do {
            let subscription = broadcast.subscribe()
            subscription.requestHeartbeat()
            #expect(broadcast.subscriberCount == 1)
        }
        #expect(broadcast.subscriberCount == 0)
    }

    @Test func finishEndsEverySubscriptionAndLaterOnes() async {
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        async let ended = subscription.next()
        broadcast.finish()
        #expect(await ended == nil)
        #expect(await broadcast.subscribe().next() == nil)
        #expect(broadcast.subscriberCount == 0)
    }

    @Test func aHeartbeatWaitsBehindTheEventsAlreadyQueued() async {
        let broadcast = LockerEventBroadcast()
        let subscription = broadcast.subscribe()
        broadcast.publish(Self.door(1))
        subscription.requestHeartbeat()
        subscription.requestHeartbeat()
        broadcast.publish(Self.door(2))
        #expect(await subscription.next() == .event(Self.door(1)))
        #expect(await subscription.next() == .event(Self.door(2)))
        #expect(await subscription.next() == .heartbeat, "requests before it was delivered make one heartbeat")
        // Whether the read already waits or not, the heartbeat reaches it.
        async let waiting = subscription.next()
        subscription.requestHeartbeat()
        #expect(await waiting == .heartbeat)
    }

    @Test func hardwareEventsBecomeLockerEvents() {
        #expect(LockerEvent(.doorChanged(lockerId: 3, from: .closed, to: .open)) == .door(lockerId: 3, from: .closed, to: .open))
        #expect(LockerEvent(.controllerOnline(controllerId: 2)) == .controller(controllerId: 2, online: true, code: nil, message: nil))
        #expect(
            LockerEvent(.controllerOffline(controllerId: 2, code: "HARDWARE_TIMEOUT", message: "silent"))
                == .controller(controllerId: 2, online: false, code: "HARDWARE_TIMEOUT", message: "silent"))
    }
}
