import Foundation
import Logging
import Synchronization

/// A session opened by `SessionManager.login`.
public struct AdminSession: Sendable, Equatable {
    /// Send as `X-Session-Token`; this is the only copy the gateway hands out.
    public let token: String
    /// The admin user.
    public let user: String
    /// The absolute end; idle time or logout may end it sooner.
    public let expiresAt: Date
}

/// Admin sessions kept in the store, so that they survive restarts; the store
/// holds only SHA-256 of each token. A session ends at logout, after the idle
/// limit without use, or at its absolute end (the earlier of the end promised at
/// login and login plus the current absolute limit). The limits are read live.
///
/// Every password check (login, Basic credentials, password change) goes through
/// the `LoginThrottle`. In-memory state is only the last use of each session, so
/// that a session used many times a second is written at most once per
/// `touchInterval`; every stored field is guarded by the one `Mutex`.
public final class SessionManager: Sendable {
    /// The current idle and absolute limits (`sessionIdleTimeoutSeconds`, `sessionAbsoluteTimeoutSeconds`).
    public typealias Limits = @Sendable () -> (idle: Duration, absolute: Duration)

    /// The admin credentials the sessions are opened with.
    public let credentials: AdminCredentials
    /// The throttle every password check passes.
    public let throttle: LoginThrottle

    let store: HarborStore
    let limits: Limits
    let now: @Sendable () -> Date
    let touchInterval: TimeInterval
    let purgeInterval: TimeInterval
    let logger: Logger

    struct Use {
        var lastUsed: Date
        var lastWritten: Date
    }

    struct State {
        var uses: [String: Use] = [:]
        var lastPurge: Date?
    }

    let state = Mutex(State())

    /// Sessions in `store` checked against `credentials`; `now` is injectable for tests.
    /// `touchInterval` spaces out writes of `last_used_at`; expired rows are purged at
    /// most once per `purgeInterval` (and at each login).
    public init(
        store: HarborStore, credentials: AdminCredentials, throttle: LoginThrottle = LoginThrottle(),
        limits: @escaping Limits, now: @escaping @Sendable () -> Date = Date.init,
        touchInterval: Duration = .seconds(5), purgeInterval: Duration = .seconds(300),
        logger: Logger = Logger(label: "auth")
    ) {
        self.store = store
        self.credentials = credentials
        self.throttle = throttle
        self.limits = limits
        self.now = now
        self.touchInterval = touchInterval.timeInterval
        self.purgeInterval = purgeInterval.timeInterval
        self.logger = logger
    }

    /// Checks the password (throttled per `client`) and opens a session.
    public func login(user: String, password: String, client: String) async throws(AuthFailure) -> AdminSession {
        let user = try await verify(user: user, password: password, client: client)
        let token = SessionToken.generate()
        let now = StoreTime.stored(now())
        let limits = limits()
        let record = SessionRecord(
            tokenHash: SessionToken.digest(token), user: user, createdAt: now, lastUsedAt: now,
            expiresAtAbsolute: StoreTime.stored(now.addingTimeInterval(limits.absolute.timeInterval)))
        do { try await store.insertSession(record) } catch { throw .storeUnavailable }
        state.withLock { $0.uses[record.tokenHash] = Use(lastUsed: now, lastWritten: now) }
        logger.notice("admin session opened", metadata: ["user": "\(user)", "client": "\(client)"])
        await purge(now: now, limits: limits)
        return AdminSession(token: token, user: user, expiresAt: record.expiresAtAbsolute)
    }

    /// Checks credentials sent with a request (HTTP Basic), throttled per `client`.
    /// Answers the admin user.
    public func verify(user: String, password: String, client: String) async throws(AuthFailure) -> String {
        do {
            try throttle.admit(client)
        } catch {
            logger.info("admin authentication refused: throttled", metadata: ["client": "\(client)"])
            throw error
        }
        guard try await credentials.verify(user: user, password: password) else {
            logger.warning("admin authentication failed", metadata: ["client": "\(client)"])
            throw .invalidCredentials
        }
        throttle.succeeded(client)
        return AdminCredentials.user
    }

    /// The user of a live session, or nil for an unknown, ended or malformed token.
    public func authenticate(token: String) async -> String? {
        guard SessionToken.isWellFormed(token) else { return nil }
        let hash = SessionToken.digest(token)
        let now = now()
        let limits = limits()
        guard let record = try? await store.session(tokenHash: hash) else {
            forget(hash)
            return nil
        }
        let remembered = state.withLock { $0.uses[hash] }
        let lastUsed = max(record.lastUsedAt, remembered?.lastUsed ?? record.lastUsedAt)
        let absoluteEnd = min(record.expiresAtAbsolute, record.createdAt.addingTimeInterval(limits.absolute.timeInterval))
        guard now < absoluteEnd, now < lastUsed.addingTimeInterval(limits.idle.timeInterval) else {
            _ = try? await store.deleteSession(tokenHash: hash)
            forget(hash)
            logger.info("admin session ended: expired", metadata: ["user": "\(record.user)"])
            return nil
        }
        let mustWrite = state.withLock { state in
            var use = state.uses[hash] ?? Use(lastUsed: record.lastUsedAt, lastWritten: record.lastUsedAt)
            use.lastUsed = max(use.lastUsed, now)
            let due = now.timeIntervalSince(use.lastWritten) >= touchInterval
            if due { use.lastWritten = now }
            state.uses[hash] = use
            return due
        }
        if mustWrite { try? await store.touchSession(tokenHash: hash, at: now) }
        await purgeIfDue(now: now, limits: limits)
        return record.user
    }

    /// Ends the session at once; an unknown token is not an error.
    public func logout(token: String) async throws(AuthFailure) {
        let hash = SessionToken.digest(token)
        do { try await store.deleteSession(tokenHash: hash) } catch { throw .storeUnavailable }
        forget(hash)
        logger.notice("admin session closed")
    }

    /// Changes the admin password (the current one is checked and throttled per
    /// `client`) and ends every session.
    public func changePassword(current: String, new: String, client: String) async throws(AuthFailure) {
        try AdminCredentials.checkNewPassword(new)
        do {
            try throttle.admit(client)
        } catch {
            logger.info("admin password change refused: throttled", metadata: ["client": "\(client)"])
            throw error
        }
        do {
            try await credentials.changePassword(current: current, new: new)
        } catch {
            if error == .invalidCredentials {
                logger.warning("admin password change refused: wrong current password", metadata: ["client": "\(client)"])
            }
            throw error
        }
        throttle.succeeded(client)
        state.withLock { $0.uses.removeAll() }
        logger.notice("admin password changed; every session ended", metadata: ["client": "\(client)"])
    }

    /// Ends every session (the password changed outside this object).
    public func revokeAll() async throws(AuthFailure) {
        do { try await store.deleteAllSessions() } catch { throw .storeUnavailable }
        state.withLock { $0.uses.removeAll() }
    }

    private func forget(_ hash: String) {
        _ = state.withLock { $0.uses.removeValue(forKey: hash) }
    }

    private func purgeIfDue(now: Date, limits: (idle: Duration, absolute: Duration)) async {
        let due = state.withLock { state in
            guard let last = state.lastPurge else {
                state.lastPurge = now
                return false
            }
            return now.timeIntervalSince(last) >= purgeInterval
        }
        if due { await purge(now: now, limits: limits) }
    }

    /// Deletes ended sessions. The idle test allows one `touchInterval` more than the
    /// limit because a stored `last_used_at` may lag the last use by that much.
    private func purge(now: Date, limits: (idle: Duration, absolute: Duration)) async {
        state.withLock { $0.lastPurge = now }
        let idle = limits.idle.timeInterval
        _ = try? await store.purgeSessions(now: now, idle: idle + touchInterval, absolute: limits.absolute.timeInterval)
        state.withLock { state in
            state.uses = state.uses.filter { now.timeIntervalSince($0.value.lastUsed) < idle }
        }
    }
}

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    fileprivate var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension AdminSession: CustomStringConvertible, CustomDebugStringConvertible {
    /// Leaves the token out, so that printing a session never leaks it.
    public var description: String { "AdminSession(user: \(user), token: <redacted>, expiresAt: \(expiresAt))" }
    /// Same as `description`.
    public var debugDescription: String { description }
}
