import Foundation
import GRDB

/// One stored admin session. The token itself is never stored, only its digest.
public struct SessionRecord: Sendable, Equatable {
    /// Lowercase hex SHA-256 of the token.
    public var tokenHash: String
    /// The admin user the session belongs to.
    public var user: String
    /// When the session was opened.
    public var createdAt: Date
    /// When the session was last used, as last written (writes are spaced out).
    public var lastUsedAt: Date
    /// The absolute end promised at login.
    public var expiresAtAbsolute: Date

    /// A record with every field given.
    public init(tokenHash: String, user: String, createdAt: Date, lastUsedAt: Date, expiresAtAbsolute: Date) {
        self.tokenHash = tokenHash
        self.user = user
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAtAbsolute = expiresAtAbsolute
    }
}

extension HarborStore {
    /// The config key of the admin password's hash.
    static let adminPasswordHashKey = "admin.passwordHash"

    /// Stores a new session.
    public func insertSession(_ record: SessionRecord) async throws(StoreError) {
        try await write(changesLockerView: false) { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (token_hash, user, created_at, last_used_at, expires_at_absolute)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.tokenHash, record.user, StoreTime.millis(record.createdAt),
                    StoreTime.millis(record.lastUsedAt), StoreTime.millis(record.expiresAtAbsolute),
                ])
        }
    }

    /// The session with this token digest, or nil.
    public func session(tokenHash: String) async throws(StoreError) -> SessionRecord? {
        try await read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
            else { return nil }
            return SessionRecord(
                tokenHash: try row.decode(String.self, forColumn: "token_hash"),
                user: try row.decode(String.self, forColumn: "user"),
                createdAt: StoreTime.date(try row.decode(Int64.self, forColumn: "created_at")),
                lastUsedAt: StoreTime.date(try row.decode(Int64.self, forColumn: "last_used_at")),
                expiresAtAbsolute: StoreTime.date(try row.decode(Int64.self, forColumn: "expires_at_absolute")))
        }
    }

    /// Records a use of the session; a session deleted meanwhile stays deleted.
    public func touchSession(tokenHash: String, at instant: Date) async throws(StoreError) {
        try await write(changesLockerView: false) { db in
            try db.execute(
                sql: "UPDATE sessions SET last_used_at = MAX(last_used_at, ?) WHERE token_hash = ?",
                arguments: [StoreTime.millis(instant), tokenHash])
        }
    }

    /// Ends one session; true when it existed.
    @discardableResult
    public func deleteSession(tokenHash: String) async throws(StoreError) -> Bool {
        try await write(changesLockerView: false) { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
            return db.changesCount > 0
        }
    }

    /// Ends every session; answers how many there were.
    @discardableResult
    public func deleteAllSessions() async throws(StoreError) -> Int {
        try await write(changesLockerView: false) { db in
            try db.execute(sql: "DELETE FROM sessions")
            return db.changesCount
        }
    }

    /// Deletes the sessions that ended by `now`: past their promised end, older than
    /// `absolute`, or unused for longer than `idle`. Answers how many went.
    @discardableResult
    public func purgeSessions(now: Date, idle: TimeInterval, absolute: TimeInterval) async throws(StoreError) -> Int {
        let nowMillis = StoreTime.millis(now)
        let idleMillis = Int64((idle * 1000).rounded(.up))
        let absoluteMillis = Int64((absolute * 1000).rounded(.up))
        return try await write(changesLockerView: false) { db in
            try db.execute(
                sql: """
                    DELETE FROM sessions
                    WHERE expires_at_absolute <= ? OR created_at + ? <= ? OR last_used_at + ? <= ?
                    """,
                arguments: [nowMillis, absoluteMillis, nowMillis, idleMillis, nowMillis])
            return db.changesCount
        }
    }

    /// The stored admin password hash, or nil before the first start set one.
    public func adminPasswordHash() async throws(StoreError) -> String? {
        try await read { db in
            try String.fetchOne(
                db, sql: "SELECT value FROM config WHERE key = ?", arguments: [Self.adminPasswordHashKey])
        }
    }

    /// Stores a new admin password hash and ends every session in the same
    /// transaction, so no session opened under the old password outlives it.
    public func replaceAdminPasswordHash(_ hash: String) async throws(StoreError) {
        try await write(changesLockerView: false) { db in
            try db.execute(
                sql: """
                    INSERT INTO config (key, value) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """,
                arguments: [Self.adminPasswordHashKey, hash])
            try db.execute(sql: "DELETE FROM sessions")
        }
    }
}
