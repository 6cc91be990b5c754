import Foundation
import GRDB
@testable import HarborBridge
import Logging
import Synchronization

/// A clock tests move by hand: wall time for sessions, monotonic time for the throttle.
final class AuthTestClock: Sendable {
    static let start = Date(timeIntervalSince1970: 1_764_201_985)

    private let offset = Mutex<Duration>(.zero)
    private let monotonicStart = ContinuousClock.now

    func advance(_ duration: Duration) {
        offset.withLock { $0 += duration }
    }

    var date: Date {
        let elapsed = offset.withLock { $0 }
        return Self.start.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    var instant: ContinuousClock.Instant {
        monotonicStart + offset.withLock { $0 }
    }
}

/// Session limits a test can change while sessions are live, as the settings can.
final class SessionLimitsBox: Sendable {
    private let limits = Mutex<(idle: Duration, absolute: Duration)>((.seconds(1800), .seconds(43200)))

    func set(idle: Duration, absolute: Duration) {
        limits.withLock { $0 = (idle, absolute) }
    }

    var current: (idle: Duration, absolute: Duration) { limits.withLock { $0 } }
}

/// A real store in a temporary directory with the admin password set (bcrypt cost
/// 4), a real throttle and session manager on the test clock.
struct AuthFixture: Sendable {
    static let password = "correct horse battery staple"
    static let cost: UInt8 = 4

    let directory: URL
    let store: HarborStore
    let credentials: AdminCredentials
    let throttle: LoginThrottle
    let sessions: SessionManager
    let clock: AuthTestClock
    let limits: SessionLimitsBox

    /// Runs `body` with a fresh fixture and removes its directory afterwards.
    static func with<T: Sendable>(
        clock: AuthTestClock = AuthTestClock(), limits: SessionLimitsBox = SessionLimitsBox(),
        policy: LoginThrottle.Policy = LoginThrottle.Policy(), logger: Logger = Logger(label: "auth-test"),
        _ body: (AuthFixture) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-auth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HarborStore(directory: directory, clock: { clock.date })
        _ = try await AdminCredentials.bootstrap(
            store: store, password: password, dataDirectory: directory.path, cost: cost)
        let credentials = AdminCredentials(store: store, cost: cost)
        let throttle = LoginThrottle(policy: policy, now: { clock.instant })
        let sessions = SessionManager(
            store: store, credentials: credentials, throttle: throttle, limits: { limits.current },
            now: { clock.date }, logger: logger)
        let fixture = AuthFixture(
            directory: directory, store: store, credentials: credentials, throttle: throttle, sessions: sessions,
            clock: clock, limits: limits)
        let result = try await body(fixture)
        try? store.close()
        return result
    }

    /// Another session manager over the same store, as after a restart.
    func restarted() -> SessionManager {
        SessionManager(
            store: store, credentials: AdminCredentials(store: store, cost: Self.cost),
            throttle: LoginThrottle(now: { [clock] in clock.instant }), limits: { [limits] in limits.current },
            now: { [clock] in clock.date })
    }

    /// Every row of the sessions table, every column as text.
    func rawSessionRows() async throws -> [[String]] {
        try await store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sessions").map { row in
                row.databaseValues.map { $0.description }
            }
        }
    }
}
