import Foundation
import GRDB
import Testing
@testable import HarborBridge

@Suite("HarborStore opening, durability settings and restart")
struct StoreOpeningTests {
    @Test("the data directory is created with mode 0700 and holds harbor.sqlite")
    func directoryMode() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let nested = ScratchDirectory(url: scratch.url.appendingPathComponent("data/harbor"))
        let store = try HarborStore(directory: nested.url)
        let attributes = try FileManager.default.attributesOfItem(atPath: nested.url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(FileManager.default.fileExists(atPath: nested.url.appendingPathComponent("harbor.sqlite").path))
        #expect(store.databaseSize() > 0)
        #expect(try await store.integrityCheck())
    }

    @Test("WAL, synchronous FULL and foreign keys are in force on writer and reader connections")
    func pragmas() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        let writer = try await store.pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        let reader = try await store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(writer.0 == "wal")
        #expect(writer.1 == 2, "2 is FULL")
        #expect(writer.2 == 1)
        #expect(reader.0 == "wal")
        #expect(reader.1 == 2)
        let migrations = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations == ["v1", "v2"])
    }

    @Test("everything written is there after closing and reopening on the same directory")
    func reopen() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let first = try await openStore(in: scratch)
        let gpio = ControllerRecord(
            name: "Relays", kind: "gpio", boardProtocol: "gpio-relay", chip: "gpiochip0",
            lines: ["17", "27"], doorLines: ["22", "23"], activeLow: true, feedbackPolarity: "set-open",
            serial: "hb-0001")
        let (controller, lockers) = try await first.insertController(gpio, lockerCount: 2)
        let held = try await first.createTransaction(lockerId: lockers[0].id, reference: "order-1")
        let done = try await first.releaseTransaction(id: try await first.createTransaction(lockerId: lockers[1].id).id)
        let disabled = try await first.setServiceState(
            lockerId: lockers[1].id, outOfService: true, reasonCode: "MANUAL_DISABLE", reason: "hinge")
        let log = try await first.appendLog(LogRecord(
            timestamp: Date(timeIntervalSince1970: 1_700_000_000.25), level: "warning", category: "bus",
            message: "slow reply", metadata: ["controller": "1"]))
        try await first.saveConfig(["openAllConcurrency": "2", "gatewayName": "Dock 4"])
        try first.close()
        await #expect(throws: StoreError.self) { try await first.lockers() }

        let second = try HarborStore(directory: scratch.url)
        #expect(try await second.controllers() == [controller])
        #expect(try await second.lockers() == [lockers[0], disabled])
        #expect(try await second.transaction(id: held.id) == held)
        #expect(try await second.transaction(id: done.id) == done)
        #expect(try await second.logs() == [log])
        #expect(try await second.loadConfig() == ["openAllConcurrency": "2", "gatewayName": "Dock 4"])
        #expect(try await second.integrityCheck())
    }

    @Test("a commit is in the files when the call returns: a second store opened without closing the first sees it")
    func committedBeforeReturn() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let writer = try await openStore(in: scratch, lockers: 2)
        let created = try await writer.createTransaction(reference: "acknowledged")
        let observer = try HarborStore(directory: scratch.url)
        #expect(try await observer.transaction(id: created.id) == created)
        await #expect(throws: StoreError.noLockerAvailable) {
            try await observer.createTransaction(unavailableLockerIds: [try await observer.lockers()[1].id])
        }
    }

    @Test("timestamps round-trip exactly and absurd dates are clamped, not a crash")
    func timestamps() {
        let instant = Date(timeIntervalSince1970: 1_700_000_000.123_456)
        #expect(StoreTime.stored(StoreTime.stored(instant)) == StoreTime.stored(instant))
        #expect(StoreTime.millis(instant) == 1_700_000_000_123)
        #expect(StoreTime.millis(Date(timeIntervalSince1970: .infinity)) == 9_000_000_000_000_000)
        #expect(StoreTime.millis(Date(timeIntervalSince1970: .nan)) == 0)
    }

    @Test("saveConfig upserts the given keys and keeps the others")
    func configUpsert() async throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let store = try await openStore(in: scratch)
        try await store.saveConfig(["a": "1", "b": "2"])
        try await store.saveConfig(["b": "3", "c": "4"])
        #expect(try await store.loadConfig() == ["a": "1", "b": "3", "c": "4"])
    }

    @Test("an unusable directory is a typed STORE_UNAVAILABLE, not a crash")
    func unusableDirectory() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: scratch.url, withIntermediateDirectories: true)
        let blocker = scratch.url.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        #expect {
            _ = try HarborStore(directory: blocker.appendingPathComponent("data"))
        } throws: { error in
            (error as? StoreError)?.code == "STORE_UNAVAILABLE"
        }
    }
}

extension ScratchDirectory {
    init(url: URL) {
        self.url = url
    }
}

@Suite("StoreError codes")
struct StoreErrorCodeTests {
    @Test("every error carries its stable contract code")
    func codes() {
        let expected: [(StoreError, String)] = [
            (.unavailable("disk"), "STORE_UNAVAILABLE"), (.cancelled, "STORE_CANCELLED"),
            (.lockerNotFound(1), "LOCKER_NOT_FOUND"), (.transactionNotFound("t"), "TRANSACTION_NOT_FOUND"),
            (.controllerNotFound(1), "CONTROLLER_NOT_FOUND"), (.noLockerAvailable, "NO_LOCKER_AVAILABLE"),
            (.lockerNotAvailable(1), "LOCKER_NOT_AVAILABLE"),
            (.transactionAlreadyReleased("t"), "TRANSACTION_ALREADY_RELEASED"),
            (.controllerInUse(1), "CONTROLLER_IN_USE"), (.lockerOccupied(1), "LOCKER_OCCUPIED"),
            (.channelTaken(controllerId: 1, channel: 2), "CHANNEL_TAKEN"), (.serialTaken("s"), "CONTROLLER_SERIAL_TAKEN"),
            (.invalidLockerCount(-1), "INVALID_LOCKER_COUNT"), (.invalidPagination, "INVALID_PAGINATION"),
            (.invalidLogLevel("x"), "INVALID_LOG_LEVEL"), (.invalidRecord("x"), "INVALID_RECORD"),
        ]
        for (error, code) in expected {
            #expect(error.code == code)
            #expect(!error.message.isEmpty)
        }
        #expect(StoreError.wrapping(CancellationError()) == .cancelled)
        #expect(StoreError.wrapping(StoreError.noLockerAvailable) == .noLockerAvailable)
    }
}
