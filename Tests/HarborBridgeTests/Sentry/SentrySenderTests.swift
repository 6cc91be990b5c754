import Foundation
@testable import HarborBridge
import Synchronization
import Testing

@Suite struct SentrySenderTests {
    @Test func backoffDoublesFromOneSecondToFiveMinutesAndStartsOver() {
        var backoff = SentryBackoff()
        let waits = (0..<11).map { _ in backoff.nextDelay() }
        #expect(waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300].map { Duration.seconds($0) })
        backoff.reset()
        #expect(backoff.nextDelay() == .seconds(1))
    }

    @Test func senderRetriesOnTheScheduleAndDeliversOnceTheReceiverIsBack() async throws {
        let transport = ScriptedSentryTransport(accepting: false)
        let reporter = try makeReporter(directory: nil, transport: transport)
        let waits = Mutex<[Duration]>([])
        let sender = SentrySender(reporter: reporter) { delay in
            // No real waiting: the schedule is checked, and the receiver comes back after five failures.
            let count = waits.withLock { $0.append(delay); return $0.count }
            if count == 5 { transport.accepting = true }
            await Task.yield()
        }
        let run = Task { await sender.deliverUntilCancelled() }
        let id = try #require(reporter.capture(message: "fault"))
        #expect(await eventually { transport.accepted.count == 1 })
        #expect(transport.accepted.map(\.eventId) == [id])
        #expect(waits.withLock { $0 } == [1, 2, 4, 8, 16].map { Duration.seconds($0) })

        reporter.capture(message: "second fault")
        #expect(await eventually { transport.accepted.count == 2 })
        #expect(reporter.queue.count == 0)
        #expect(waits.withLock { $0.count } == 5)
        run.cancel()
        await run.value
    }

    @Test func senderAfterADeliveryStartsTheScheduleOver() async throws {
        let transport = ScriptedSentryTransport(accepting: false)
        let reporter = try makeReporter(directory: nil, transport: transport)
        let waits = Mutex<[Duration]>([])
        let sender = SentrySender(reporter: reporter) { delay in
            let count = waits.withLock { $0.append(delay); return $0.count }
            transport.accepting = count == 3
            await Task.yield()
        }
        let run = Task { await sender.deliverUntilCancelled() }
        reporter.capture(message: "first")
        #expect(await eventually { transport.accepted.count == 1 })
        transport.accepting = false
        reporter.capture(message: "second")
        #expect(await eventually { waits.withLock { $0.count } >= 4 })
        #expect(waits.withLock { Array($0.prefix(4)) } == [1, 2, 4, 1].map { Duration.seconds($0) })
        run.cancel()
        await run.value
    }

    @Test func withoutADSNTheSenderIdlesInsteadOfEndingTheServiceGroup() async throws {
        let reporter = SentryReporter(
            dsn: nil, context: SentryEventContext(environment: "test"), queue: SentryQueue(directory: nil))
        let finished = Mutex(false)
        let run = Task {
            try await SentrySender(reporter: reporter).run()
            finished.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(finished.withLock { $0 } == false)
        run.cancel()
        try await run.value
    }
}
