import Foundation
import ServiceLifecycle

/// Drains the log journal into the store every `interval`, and once more on shutdown.
public struct LogJournalWriter: Service {
    let journal: LogJournal
    let store: HarborStore
    let interval: Duration

    public init(journal: LogJournal, store: HarborStore, interval: Duration = .milliseconds(250)) {
        self.journal = journal
        self.store = store
        self.interval = interval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await flush()
            }
        }
        await flush()
    }

    /// Writes what is queued now (queries call it so they see the latest lines).
    public func flush() async {
        let batch = journal.drain()
        guard !batch.isEmpty else { return }
        do {
            _ = try await store.appendLogs(batch)
        } catch {
            journal.requeue(batch)
        }
    }
}
