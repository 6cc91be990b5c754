import Synchronization

/// Locker rows read since the last write that could change them.
///
/// Every open checks its locker (present, in service); a kiosk opens far more
/// often than anything changes a locker, so the row read once serves until the
/// store's locker-view generation moves. The generation is read before the row,
/// so a row read during a write is at worst labelled with the older generation
/// and read again; a write that answered its caller has already moved it.
final class LockerRecordCache: Sendable {
    private struct Entries {
        var generation: UInt64 = .max
        var records: [Int64: LockerRecord] = [:]
    }

    private let entries = Mutex(Entries())

    /// The row cached for `id` if it was read at `generation`.
    func record(id: Int64, generation: UInt64) -> LockerRecord? {
        entries.withLock { $0.generation == generation ? $0.records[id] : nil }
    }

    /// Keeps `record`, read when the generation was `generation`; rows of any
    /// other generation are dropped.
    func keep(_ record: LockerRecord, generation: UInt64) {
        entries.withLock { entries in
            if entries.generation != generation {
                entries.generation = generation
                entries.records.removeAll(keepingCapacity: true)
            }
            entries.records[record.id] = record
        }
    }
}
