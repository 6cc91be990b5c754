import Foundation
import GRDB
import Testing
@testable import HarborBridge

@Suite("HarborStore logs: filters, order, retention")
struct StoreLogTests {
    private func entry(_ second: Int, _ level: String, _ category: String, _ message: String) -> LogRecord {
        LogRecord(timestamp: Date(timeIntervalSince1970: 1_700_000_000 + Double(second)), level: level,
                  category: category, message: message)
    }

    @Test("newest first, filtered by minimum level, since and category, bounded by limit")
    func filtersAndOrder() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let stored = try await store.appendLogs([
            entry(0, "debug", "bus", "poll"),
            entry(1, "info", "http", "request"),
            entry(2, "warning", "bus", "slow reply"),
            entry(3, "error", "bus", "timeout"),
            entry(4, "critical", "store", "disk full"),
        ])
        #expect(stored.map(\.id) == stored.map(\.id).sorted())
        #expect(try await store.logs().map(\.message) == ["disk full", "timeout", "slow reply", "request", "poll"])
        #expect(try await store.logs(minimumLevel: "warning").map(\.message) == ["disk full", "timeout", "slow reply"])
        #expect(try await store.logs(category: "bus").map(\.message) == ["timeout", "slow reply", "poll"])
        #expect(try await store.logs(since: stored[3].timestamp).map(\.message) == ["disk full", "timeout"])
        #expect(try await store.logs(minimumLevel: "info", category: "bus", limit: 1).map(\.message) == ["timeout"])
        await #expect(throws: StoreError.invalidLogLevel("loud")) { try await store.logs(minimumLevel: "loud") }
        await #expect(throws: StoreError.invalidLogLevel("fatal")) {
            try await store.appendLog(entry(5, "fatal", "bus", "x"))
        }
        #expect(try await store.logs().count == 5, "a refused entry adds nothing")
    }

    @Test("metadata round-trips as JSON")
    func metadata() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        var record = entry(0, "notice", "controllers", "added")
        record.metadata = ["controllerId": "3", "kind": "tcp"]
        let stored = try await store.appendLog(record)
        #expect(try await store.logs() == [stored])
        #expect(stored.metadata == ["controllerId": "3", "kind": "tcp"])
    }

    @Test("retention keeps at most logRetention rows, the newest ones")
    func retention() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch, logRetention: 10)
        for second in 0..<25 {
            try await store.appendLog(entry(second, "info", "test", "single \(second)"))
            let rows = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM logs") }
            #expect((rows ?? 0) <= 10)
        }
        try await store.appendLogs((0..<7).map { entry(100 + $0, "info", "test", "batch \($0)") })
        let kept = try await store.logs(limit: 100)
        #expect(kept.count == 10)
        #expect(kept.map(\.message) == (0..<7).reversed().map { "batch \($0)" } + ["single 24", "single 23", "single 22"])
    }
}

@Suite("Log metadata as JSON")
struct StoreMetadataJSONTests {
    @Test("awkward strings come back unchanged, through the store's decoder and Foundation's")
    func awkwardStrings() throws {
        let metadata = [
            "quote": #"say "open""#, "backslash": #"C:\lockers\"#, "lines": "a\nb\r\tc",
            "control": "\u{0}\u{1}\u{1F}", "unicode": "Schließfach 🔐", "slash": "a/b", "": "empty key",
        ]
        let text = try #require(StoreJSON.encode(metadata))
        #expect(StoreJSON.decode([String: String].self, text) == metadata)
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(foundation == metadata)
    }

    @Test("keys are sorted and nothing else is added")
    func sortedKeys() {
        #expect(StoreJSON.encode(["b": "2", "a": "1"]) == #"{"a":"1","b":"2"}"#)
        #expect(StoreJSON.encode([String: String]()) == "{}")
        #expect(StoreJSON.encode(nil as [String: String]?) == nil)
    }
}
