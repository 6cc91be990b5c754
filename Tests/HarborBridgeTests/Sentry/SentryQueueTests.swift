import Foundation
@testable import HarborBridge
import Testing

@Suite struct SentryQueueTests {
    @Test func keepsAtMostItsCapacityDroppingTheOldest() async throws {
        let transport = ScriptedSentryTransport(accepting: false)
        let reporter = try makeReporter(directory: nil, transport: transport, capacity: 3)
        let ids = (0..<5).compactMap { reporter.capture(message: "fault \($0)") }
        #expect(ids.count == 5)
        #expect(reporter.queue.count == 3)
        #expect(reporter.queue.dropped == 2)
        var kept: [String] = []
        while let entry = reporter.queue.claimNext() { kept.append(entry.envelope.eventId) }
        #expect(kept == Array(ids.suffix(3)))
    }

    @Test func survivesANewReporterOnTheSameDirectory() async throws {
        let directory = sentryScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let offline = ScriptedSentryTransport(accepting: false)
        let first = try makeReporter(directory: directory, transport: offline)
        let ids = ["one", "two"].compactMap { first.capture(message: $0) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)

        let online = ScriptedSentryTransport(accepting: true)
        let second = try makeReporter(directory: directory, transport: online)
        #expect(second.queue.count == 2)
        #expect(await second.deliverNow(eventId: ids[0]))
        #expect(await second.deliverNow(eventId: ids[1]))
        #expect(online.accepted.map(\.eventId) == ids)
        #expect(online.accepted.first?.body == first.queue.claim(eventId: ids[0])?.envelope.body)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        #expect(try makeReporter(directory: directory, transport: online).queue.count == 0)
    }

    @Test func anEnvelopeBeingSentIsNotClaimedTwice() async throws {
        let reporter = try makeReporter(directory: nil, transport: ScriptedSentryTransport(accepting: false))
        let id = try #require(reporter.capture(message: "fault"))
        let entry = try #require(reporter.queue.claim(eventId: id))
        #expect(reporter.queue.claimNext() == nil)
        reporter.queue.finish(entry, delivered: false)
        #expect(reporter.queue.claimNext()?.envelope.eventId == id)
    }

    @Test func anEnvelopeQueuedClaimedIsNotTakenByTheSender() async throws {
        let queue = SentryQueue(directory: nil)
        let event = SentryEventContext(environment: "test").event(
            for: LogRecord(timestamp: Date(), level: "info", category: "diagnostics", message: "test"), breadcrumbs: [])
        let entry = queue.enqueue(SentryEnvelope(event: event, dsn: try testDSN()), claimed: true)
        #expect(queue.claimNext() == nil)
        queue.finish(entry, delivered: true)
        #expect(queue.count == 0)
    }

    @Test func droppedEnvelopesLeaveTheDisk() async throws {
        let directory = sentryScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reporter = try makeReporter(
            directory: directory, transport: ScriptedSentryTransport(accepting: false), capacity: 2)
        for index in 0..<4 { reporter.capture(message: "fault \(index)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
    }
}
