import Hummingbird
import Synchronization

/// The last `GET /lockers` body with the view key it was built for. Kiosks poll
/// the list all day while it rarely changes: serving the same bytes again skips
/// two store reads and encoding a hundred lockers.
final class LockerListCache: Sendable {
    private let entry = Mutex<(key: LockerViewKey, body: ByteBuffer)?>(nil)

    func body(for key: LockerViewKey) -> ByteBuffer? {
        entry.withLock { $0?.key == key ? $0?.body : nil }
    }

    func store(_ body: ByteBuffer, for key: LockerViewKey) {
        entry.withLock { $0 = (key, body) }
    }
}
