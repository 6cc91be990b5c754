import Foundation
import Synchronization

/// Envelopes waiting for the receiver: at most `capacity` in memory, each also a
/// file in `directory` (written atomically, deleted once delivered) so they
/// survive a restart or a long time offline. When full the oldest waiting one goes.
public final class SentryQueue: Sendable {
    /// One waiting envelope and the file that keeps it.
    public struct Entry: Sendable, Equatable {
        /// The file's name in the queue directory; its order is the queue's.
        public let name: String
        /// The envelope to send.
        public let envelope: SentryEnvelope
    }

    private struct State {
        var entries: [Entry] = []
        var claimed: Set<String> = []
        var dropped = 0
        var sequence: UInt64 = 0
    }

    private let state: Mutex<State>
    private let directory: URL?
    /// The most envelopes kept.
    public let capacity: Int

    /// A queue kept in `directory` (created if missing), loading what an earlier run left there.
    public init(directory: URL?, capacity: Int = 100) {
        self.directory = directory
        self.capacity = max(1, capacity)
        var initial = State()
        if let directory {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.filter({ $0.hasSuffix(".envelope") }).sorted() {
                guard let body = try? Data(contentsOf: directory.appendingPathComponent(name)),
                      let eventId = name.split(separator: "-").last?.split(separator: ".").first else { continue }
                initial.entries.append(Entry(name: name, envelope: SentryEnvelope(eventId: String(eventId), body: body)))
            }
        }
        state = Mutex(initial)
        trim()
    }

    /// Envelopes waiting, being sent included.
    public var count: Int { state.withLock { $0.entries.count } }

    /// Envelopes dropped because the queue was full.
    public var dropped: Int { state.withLock { $0.dropped } }

    /// Adds an envelope at the back; never fails (without a disk it lives in memory only).
    /// `claimed` marks it as being sent by the caller from the start, so the
    /// background sender cannot take it first.
    @discardableResult
    public func enqueue(_ envelope: SentryEnvelope, claimed: Bool = false) -> Entry {
        let name = state.withLock { state in
            state.sequence += 1
            let stamp = UInt64(Date().timeIntervalSince1970 * 1_000_000)
            return String(format: "%020llu-%06llu-%@.envelope", stamp, state.sequence % 1_000_000, envelope.eventId)
        }
        if let directory {
            try? envelope.body.write(to: directory.appendingPathComponent(name), options: .atomic)
        }
        let entry = Entry(name: name, envelope: envelope)
        state.withLock { state in
            state.entries.append(entry)
            if claimed { state.claimed.insert(name) }
        }
        trim()
        return entry
    }

    /// The oldest envelope nobody is sending, now marked as being sent.
    public func claimNext() -> Entry? {
        state.withLock { state in
            guard let entry = state.entries.first(where: { !state.claimed.contains($0.name) }) else { return nil }
            state.claimed.insert(entry.name)
            return entry
        }
    }

    /// The envelope of `eventId` if it waits and nobody is sending it, now marked as being sent.
    public func claim(eventId: String) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries.first(where: { $0.envelope.eventId == eventId }),
                  !state.claimed.contains(entry.name) else { return nil }
            state.claimed.insert(entry.name)
            return entry
        }
    }

    /// Ends a send: a delivered envelope leaves the queue and the disk, another waits again.
    public func finish(_ entry: Entry, delivered: Bool) {
        state.withLock { state in
            state.claimed.remove(entry.name)
            if delivered { state.entries.removeAll { $0.name == entry.name } }
        }
        if delivered { remove(entry.name) }
    }

    private func trim() {
        let evicted = state.withLock { state -> [String] in
            var evicted: [String] = []
            while state.entries.count > capacity,
                  let index = state.entries.firstIndex(where: { !state.claimed.contains($0.name) }) {
                evicted.append(state.entries.remove(at: index).name)
                state.dropped += 1
            }
            return evicted
        }
        evicted.forEach(remove)
    }

    private func remove(_ name: String) {
        guard let directory else { return }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
    }
}
