import Foundation
import Logging
import Synchronization

/// Where the gateway's log lines go besides stdout: a bounded in-memory queue that
/// `LogJournalWriter` drains into the store in batches (with synchronous FULL every
/// single insert would wait for a disk sync).
public final class LogJournal: Sendable {
    private struct State {
        var pending: [LogRecord] = []
        var dropped = 0
    }

    /// The level below which nothing is recorded; changed live by the settings.
    public let level: Mutex<GatewayLogLevel>
    private let state = Mutex(State())
    private let capacity: Int
    private let clock: @Sendable () -> Date

    public init(level: GatewayLogLevel = .info, capacity: Int = 10_000, clock: @escaping @Sendable () -> Date = Date.init) {
        self.level = Mutex(level)
        self.capacity = capacity
        self.clock = clock
    }

    public var currentLevel: GatewayLogLevel {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
    }

    /// Queues one entry for the store; when the store is far behind the oldest
    /// entries go first (a line that says how many is added on the next drain).
    public func record(level: GatewayLogLevel, category: String, message: String, metadata: [String: String]?) {
        let entry = LogRecord(
            timestamp: clock(), level: level.rawValue, category: category, message: message,
            metadata: metadata?.isEmpty == false ? metadata : nil)
        state.withLock { state in
            if state.pending.count >= capacity {
                state.pending.removeFirst()
                state.dropped += 1
            }
            state.pending.append(entry)
        }
    }

    /// Takes everything queued so far.
    func drain() -> [LogRecord] {
        state.withLock { state in
            var taken = state.pending
            state.pending.removeAll(keepingCapacity: true)
            if state.dropped > 0 {
                taken.append(LogRecord(
                    timestamp: clock(), level: GatewayLogLevel.warning.rawValue, category: "logging",
                    message: "\(state.dropped) log entries were dropped while the store was behind",
                    metadata: nil))
                state.dropped = 0
            }
            return taken
        }
    }

    /// Puts entries back at the front after a failed write.
    func requeue(_ records: [LogRecord]) {
        state.withLock { state in
            state.pending.insert(contentsOf: records.suffix(capacity - min(capacity, state.pending.count)), at: 0)
        }
    }
}
