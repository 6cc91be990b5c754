import Foundation
@testable import HarborBridge
import Logging
import Synchronization
import Testing

@Suite struct LoggingTests {
    @Test func linesCarryPriorityCategoryAndMetadataAndFollowTheLiveLevel() {
        let journal = LogJournal(level: .info)
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "doors") { label in
            GatewayLogHandler(category: label, journal: journal, output: { line in lines.withLock { $0.append(line) } })
        }
        logger[metadataKey: "controller"] = "2"
        logger.debug("hidden at info")
        logger.warning("door 5 opened", metadata: ["locker": "5"])
        journal.currentLevel = .debug
        logger.debug("now visible")
        #expect(lines.withLock { $0 } == [
            "<4>warning [doors] door 5 opened controller=2 locker=5",
            "<7>debug [doors] now visible controller=2",
        ])
        let entries = journal.drain()
        #expect(entries.map(\.message) == ["door 5 opened", "now visible"])
        #expect(entries.first?.metadata == ["controller": "2", "locker": "5"])
        #expect(entries.first?.category == "doors")
    }

    @Test func journalIsBoundedAndSaysWhatItDropped() {
        let journal = LogJournal(level: .trace, capacity: 3)
        for index in 0..<5 {
            journal.record(level: .info, category: "test", message: "line \(index)", metadata: nil)
        }
        let drained = journal.drain()
        #expect(drained.map(\.message) == ["line 2", "line 3", "line 4", "2 log entries were dropped while the store was behind"])
        #expect(journal.drain().isEmpty)
    }
}
