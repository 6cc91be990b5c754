import Foundation
import Testing
@testable import HarborBridge

@Suite("HarborStore at gateway scale")
struct StoreSeedTests {
    // 20,000 transactions keep this CPU-bound seeding short beside the suite's timing
    // tests on 2 cores; `harbor-bench bridge` measures startup on the full 100,000.
    @Test("1,000 lockers and 20,000 transactions: reopen stays correct (timings printed, not asserted)")
    func seededReopen() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let seeding = try HarborStore(directory: scratch.url)
        try await seeding.seedForBenchmark(lockers: 1_000, transactions: 20_000)
        try seeding.close()

        let clock = ContinuousClock()
        let start = clock.now
        let store = try HarborStore(directory: scratch.url)
        let opened = clock.now
        let lockers = try await store.lockers()
        let active = try await store.activeTransactionsByLocker()
        let listed = clock.now
        print("HarborStore reopen with 1,000 lockers / 20,000 transactions: \(opened - start); "
              + "lockers() + activeTransactionsByLocker(): \(listed - opened)")

        #expect(lockers.count == 1_000)
        #expect(try await store.controllers().count == 20)
        #expect(active.count == 334, "every third locker of the last round")
        #expect(try await store.transactions(status: "active").total == 334)
        let all = try await store.transactions(limit: 3)
        #expect(all.total == 20_000)
        #expect(all.items.map(\.reference) == ["bench-19999", "bench-19998", "bench-19997"])
        let counts = try await store.lockerCounts()
        #expect(counts.total == 1_000 && counts.occupied == 334 && counts.available == 666)
        #expect(try await store.createTransaction().lockerId == lockers[1].id)
    }
}
