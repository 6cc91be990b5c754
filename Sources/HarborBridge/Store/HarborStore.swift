import Foundation
import GRDB
import Synchronization

/// The gateway's persistent state (controllers, lockers, transactions, logs, configuration) in one SQLite file.
///
/// Every change is one write transaction, committed with `synchronous = FULL` in WAL mode before the
/// call returns, so a change the service acknowledged survives a crash or a power cut.
/// All database work runs on GRDB's own queues; callers only `await`.
public final class HarborStore: Sendable {
    /// File name of the database inside the data directory.
    public static let fileName = "harbor.sqlite"
    /// Upper bound of lockers one controller can have (the largest board protocol drives 255).
    public static let maximumLockersPerController = 1024

    /// The data directory holding the database.
    public let directory: URL
    /// The database file.
    public let databaseURL: URL
    /// Log rows kept at most; older rows are trimmed as new ones arrive.
    public let logRetention: Int

    let pool: DatabasePool
    let clock: @Sendable () -> Date
    /// Counts committed writes that can change what `GET /lockers` shows
    /// (lockers, transactions, controllers); log, session and settings writes do not.
    private let lockerViewWrites = Mutex<UInt64>(0)
    /// Locker rows served without a database read while no write moved the generation.
    let lockerRecords = LockerRecordCache()

    /// Opens (or creates) the store in `directory`, creating the directory with mode 0700, and migrates the schema.
    ///
    /// Opening reads only the migration table, so it stays fast however many rows the store holds.
    /// `logRetention` below 1 is treated as 1.
    public init(
        directory: URL,
        logRetention: Int = 10_000,
        clock: @escaping @Sendable () -> Date = Date.init
    ) throws(StoreError) {
        self.directory = directory
        self.databaseURL = directory.appendingPathComponent(Self.fileName)
        self.logRetention = max(1, logRetention)
        self.clock = clock
        try Self.prepareDirectory(directory)

        var configuration = Configuration()
        configuration.label = "HarborStore"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        // Sized for a single-board computer: two readers are as many as its cores
        // can serve at once, and each connection keeps at most 512 KiB of pages
        // (SQLite's default is 2 MiB each); the kernel's page cache still holds the file.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            // WAL with NORMAL can lose the last commits on power loss; FULL syncs the log on every commit.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -512")
        }
        do {
            pool = try DatabasePool(path: databaseURL.path, configuration: configuration)
            // GRDB switches its writer to NORMAL after prepareDatabase when it enables WAL, so set FULL
            // again on that one long-lived writer connection; readers keep the FULL set above.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw StoreError.wrapping(error)
        }
    }

    private static func prepareDirectory(_ directory: URL) throws(StoreError) {
        let files = FileManager.default
        do {
            try files.createDirectory(
                at: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            // An existing directory keeps its mode through createDirectory; it also holds secrets, so tighten it.
            try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        } catch {
            throw .unavailable("cannot prepare data directory \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Closes every connection; later calls fail with STORE_UNAVAILABLE.
    public func close() throws(StoreError) {
        do { try pool.close() } catch { throw StoreError.wrapping(error) }
    }

    /// Runs `work` in one write transaction: it commits entirely or not at all.
    /// `changesLockerView: false` for writes that leave lockers, transactions and
    /// controllers alone (logs, sessions, settings).
    func write<T: Sendable>(
        changesLockerView: Bool = true, _ work: @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        defer { if changesLockerView { lockerViewWrites.withLock { $0 &+= 1 } } }
        do { return try await pool.write(work) } catch { throw StoreError.wrapping(error) }
    }

    /// Changes whenever a write that may change the lockers' view was committed
    /// (or failed part-way: then too a reader must look again).
    public var lockerViewGeneration: UInt64 { lockerViewWrites.withLock { $0 } }

    /// Runs `work` on a snapshot that concurrent writes do not disturb.
    func read<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(work) } catch { throw StoreError.wrapping(error) }
    }

    /// The current time as the store will give it back.
    func now() -> Date {
        StoreTime.stored(clock())
    }

    /// True when SQLite's `PRAGMA integrity_check` reports `ok`.
    public func integrityCheck() async throws(StoreError) -> Bool {
        try await read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"]
        }
    }

    /// Bytes the database occupies on disk (main file plus write-ahead log).
    public func databaseSize() -> Int64 {
        [databaseURL.path, databaseURL.path + "-wal"].reduce(Int64(0)) { total, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber
            return total + (size?.int64Value ?? 0)
        }
    }

    /// Every stored configuration value by key.
    public func loadConfig() async throws(StoreError) -> [String: String] {
        try await read { db in
            var values: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, value FROM config")
            while let row = try rows.next() {
                values[try row.decode(atIndex: 0)] = try row.decode(atIndex: 1)
            }
            return values
        }
    }

    /// Stores the given keys (insert or replace) in one transaction; other keys keep their values.
    public func saveConfig(_ values: [String: String]) async throws(StoreError) {
        try await write(changesLockerView: false) { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO config (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
            for (key, value) in values {
                try statement.execute(arguments: [key, value])
            }
        }
    }
}

extension DatabaseError {
    /// True for a UNIQUE (or primary key) violation, the signature of a lost race or a duplicate.
    var isUniqueViolation: Bool {
        extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }
}
