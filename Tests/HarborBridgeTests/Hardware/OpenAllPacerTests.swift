import HarborBridge
import HarborDrivers
import Synchronization
import Testing

/// A stand-in for the hardware that records when each unlock starts and how
/// many are in flight, taking `duration` per unlock and failing where told.
private final class RecordingLocks: Sendable {
    struct Log {
        var starts: [(lockerId: Int64, at: ContinuousClock.Instant)] = []
        var inFlight = 0
        var mostInFlight = 0
    }

    private let log = Mutex(Log())
    private let duration: @Sendable (Int64) -> Duration
    private let failures: [Int64: HardwareError]

    init(duration: @escaping @Sendable (Int64) -> Duration, failures: [Int64: HardwareError] = [:]) {
        self.duration = duration
        self.failures = failures
    }

    var starts: [(lockerId: Int64, at: ContinuousClock.Instant)] { log.withLock { $0.starts } }
    var mostInFlight: Int { log.withLock { $0.mostInFlight } }

    func open(_ lockerId: Int64) async throws(HardwareError) -> OpenOutcome {
        log.withLock { log in
            log.starts.append((lockerId, .now))
            log.inFlight += 1
            log.mostInFlight = max(log.mostInFlight, log.inFlight)
        }
        try? await Task.sleep(for: duration(lockerId))
        log.withLock { $0.inFlight -= 1 }
        if let failure = failures[lockerId] { throw failure }
        return OpenOutcome(channel: Int(lockerId), doorState: .open)
    }
}

@Suite("Open-all pacer")
struct OpenAllPacerTests {
    typealias F = HardwareFixtures

    private func targets(_ ids: ClosedRange<Int64>) -> [OpenAllTarget] {
        ids.map { OpenAllTarget(lockerId: $0) }
    }

    @Test("never more than `concurrency` unlocks in flight")
    func concurrencyLimit() async {
        let locks = RecordingLocks(duration: { _ in .milliseconds(300) })
        let pacer = OpenAllPacer(concurrency: 2, spacing: .milliseconds(5))
        let results = await pacer.run(targets(1...6)) { id throws(HardwareError) in try await locks.open(id) }
        #expect(locks.mostInFlight == 2)
        #expect(results.allSatisfy { $0.success })
    }

    @Test("starts are spaced and the whole run takes about (n - 1) spacings plus the last pulse")
    func spacingAndTotalTime() async {
        // Long pulses: even on a loaded machine the first lock is still firing when
        // the fifth starts, so all five are seen in flight together.
        let locks = RecordingLocks(duration: { _ in .milliseconds(1500) })
        let pacer = OpenAllPacer(concurrency: 5, spacing: .milliseconds(100))
        let clock = ContinuousClock()
        let began = clock.now
        let results = await pacer.run(targets(1...5)) { id throws(HardwareError) in try await locks.open(id) }
        let total = clock.now - began

        let starts = locks.starts.map(\.at).sorted()
        #expect(starts.count == 5)
        // The k-th unlock is launched no earlier than k spacings after the first
        // (a busy machine can only delay a start further, never advance it).
        for (index, start) in starts.enumerated() {
            #expect(start - began >= .milliseconds(100) * index)
        }
        // Ideal: 4 x 100 ms + 1500 ms = 1.9 s; one lock after another would take 7.5 s.
        #expect(total >= .milliseconds(1900))
        #expect(total < .milliseconds(4000))
        #expect(results.map(\.lockerId) == [1, 2, 3, 4, 5])
        #expect(locks.mostInFlight == 5)
    }

    @Test("skipped lockers are reported skipped and never fired")
    func skippedLockers() async {
        let locks = RecordingLocks(duration: { _ in .milliseconds(5) })
        let pacer = OpenAllPacer(concurrency: 2, spacing: .milliseconds(5))
        let results = await pacer.run([
            OpenAllTarget(lockerId: 1),
            OpenAllTarget(lockerId: 2, skippedBecause: "OUT_OF_SERVICE"),
            OpenAllTarget(lockerId: 3),
        ]) { id throws(HardwareError) in try await locks.open(id) }

        #expect(results == [
            OpenAllResult(lockerId: 1, outcome: .opened(.open)),
            OpenAllResult(lockerId: 2, outcome: .skipped("OUT_OF_SERVICE")),
            OpenAllResult(lockerId: 3, outcome: .opened(.open)),
        ])
        #expect(results[1].code == "OUT_OF_SERVICE")
        #expect(Set(locks.starts.map(\.lockerId)) == [1, 3])
    }

    @Test("one locker's failure does not stop the others, and results keep the input order")
    func failuresStayPerLocker() async {
        // Earlier lockers take longer, so they finish after later ones.
        let locks = RecordingLocks(
            duration: { id in .milliseconds(200 - 40 * Int(id)) },
            failures: [2: .unreachable("bus gone", cause: "DEVICE_VANISHED"), 3: .timeout(outcomeUnknown: true)])
        let pacer = OpenAllPacer(concurrency: 4, spacing: .milliseconds(5))
        let results = await pacer.run(targets(1...4)) { id throws(HardwareError) in try await locks.open(id) }

        #expect(results.map(\.lockerId) == [1, 2, 3, 4])
        #expect(results.map(\.success) == [true, false, false, true])
        #expect(results.map(\.code) == [nil, "CONTROLLER_UNREACHABLE", "HARDWARE_TIMEOUT", nil])
        #expect(results[2].outcome == .outcomeUnknown)
    }

    @Test("a cancelled run starts no more unlocks and reports the rest not started")
    func cancelledRun() async {
        let locks = RecordingLocks(duration: { _ in .milliseconds(10) })
        let pacer = OpenAllPacer(concurrency: 1, spacing: .milliseconds(300))
        let run = Task { await pacer.run(targets(1...5)) { id throws(HardwareError) in try await locks.open(id) } }
        try? await Task.sleep(for: .milliseconds(300))
        run.cancel()
        let results = await run.value

        let fired = locks.starts.count
        #expect((1...3).contains(fired))
        #expect(results.prefix(fired).allSatisfy { $0.success })
        #expect(results.dropFirst(fired).allSatisfy { $0.outcome == .notStarted })
    }

    @Test("paced through the runtime, every simulated lock fires once")
    func throughTheRuntime() async throws {
        let runtime = HardwareRuntime(factory: F.factory())
        await runtime.load(
            controllers: [F.simulated(1), F.simulated(2, address: 2)],
            lockers: F.lockers(1, count: 3, on: 1) + F.lockers(11, count: 2, on: 2))
        let pacer = OpenAllPacer(concurrency: 2, spacing: .milliseconds(10))
        let results = await pacer.run(
            [1, 2, 3, 11, 12, 99].map { OpenAllTarget(lockerId: $0, skippedBecause: $0 == 2 ? "OUT_OF_SERVICE" : nil) },
            on: runtime)

        #expect(results.map(\.code) == [nil, "OUT_OF_SERVICE", nil, nil, nil, "LOCKER_NOT_FOUND"])
        let first = try #require(await runtime.simulatedLine(controllerId: 1))
        let second = try #require(await runtime.simulatedLine(controllerId: 2))
        #expect(await first.fireCount(address: 1, channel: 1) == 1)
        #expect(await first.fireCount(address: 1, channel: 2) == 0)
        #expect(await second.fireCount(address: 2, channel: 2) == 1)
        await runtime.shutdown()
    }
}
