import Foundation
import Synchronization
@testable import HarborBridge

/// A clock that moves one second per reading, so every stored instant is distinct and predictable.
final class SteppingClock: Sendable {
    private let millis: Mutex<Int64>

    init(startMillis: Int64 = 1_700_000_000_000) {
        millis = Mutex(startMillis)
    }

    func now() -> Date {
        millis.withLock { value in
            value += 1000
            return StoreTime.date(value)
        }
    }
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-store-tests-\(UUID().uuidString)", isDirectory: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A simulated controller record as tests insert it.
func simulatedController(name: String = "Cabinet A", serial: String? = nil) -> ControllerRecord {
    ControllerRecord(name: name, kind: "simulated", boardProtocol: "simulated", pulseMs: 300, serial: serial)
}

/// Opens a store in `directory` with a stepping clock and, when asked, one controller with `lockers` lockers.
func openStore(
    in directory: ScratchDirectory, lockers: Int = 0, logRetention: Int = 10_000
) async throws -> HarborStore {
    let clock = SteppingClock()
    let store = try HarborStore(directory: directory.url, logRetention: logRetention) { clock.now() }
    if lockers > 0 {
        _ = try await store.insertController(simulatedController(), lockerCount: lockers)
    }
    return store
}
