import Foundation
import HarborDrivers
import Logging

/// The gateway's rules between the HTTP API, the store and the hardware: every
/// state change is committed to the store before it is reported, every open goes
/// to a controller through the runtime, and every attempt lands in the audit log.
public final class LockerGateway: Sendable {
    let store: HarborStore
    let runtime: HardwareRuntime
    let settings: SettingsCenter
    let journal: LogJournalWriter
    let audit: Logger
    let identity: GatewayIdentity

    public init(
        store: HarborStore, runtime: HardwareRuntime, settings: SettingsCenter,
        journal: LogJournalWriter, identity: GatewayIdentity, audit: Logger
    ) {
        self.store = store
        self.runtime = runtime
        self.settings = settings
        self.journal = journal
        self.identity = identity
        self.audit = audit
    }

    // MARK: Lockers

    public func lockers() async throws(GatewayError) -> [LockerState] {
        let records = try await storeCall { () throws(StoreError) in try await store.lockers() }
        let holders = try await storeCall { () throws(StoreError) in try await store.activeTransactionsByLocker() }
        let doors = await runtime.doorStates()
        let unavailable = await runtime.unavailableLockerIds()
        return records.map { record in
            LockerState(
                record: record, transactionId: holders[record.id], doorState: doors[record.id] ?? .unknown,
                operational: !unavailable.contains(record.id))
        }
    }

    public func locker(id: Int64) async throws(GatewayError) -> LockerState {
        let record = try await storeCall { () throws(StoreError) in try await store.locker(id: id) }
        let holder = try await storeCall { () throws(StoreError) in try await store.activeTransaction(lockerId: id) }
        return LockerState(
            record: record, transactionId: holder?.id, doorState: await runtime.doorState(lockerId: id),
            operational: await runtime.isOperational(lockerId: id))
    }

    /// Fires one locker's lock. The public API may not open an out-of-service
    /// locker; an admin may, for maintenance. Refusals are audited too.
    public func openLocker(id: Int64, by caller: Caller, allowOutOfService: Bool) async throws(GatewayError) -> LockerOpenReport {
        let record = try await storeCall { () throws(StoreError) in try await store.locker(id: id) }
        if record.outOfService && !allowOutOfService {
            let error = GatewayError(
                "LOCKER_OUT_OF_SERVICE", "Locker \(id) is out of service", details: ["lockerId": "\(id)"])
            await refuse(id, caller, error)
            throw error
        }
        return try await fire(id, caller)
    }

    /// Fires every locker, paced as the settings say; out-of-service lockers are
    /// skipped unless an admin includes them.
    public func openAll(includeOutOfService: Bool, by caller: Caller) async throws(GatewayError) -> OpenAllReport {
        let records = try await storeCall { () throws(StoreError) in try await store.lockers() }
        let targets = records.map { record in
            OpenAllTarget(
                lockerId: record.id,
                skippedBecause: record.outOfService && !includeOutOfService ? "LOCKER_OUT_OF_SERVICE" : nil)
        }
        let current = settings.settings
        let pacer = OpenAllPacer(
            concurrency: current.openAllConcurrency, spacing: .milliseconds(current.openAllSpacingMs))
        let started = ContinuousClock.now
        let results = await pacer.run(targets, on: runtime)
        let report = OpenAllReport(results: results, duration: ContinuousClock.now - started)
        auditFailures(of: results, caller)
        audit.notice("open-all", metadata: [
            "caller": "\(caller.auditName)", "opened": "\(report.openedCount)",
            "failed": "\(report.failedCount)", "skipped": "\(report.skippedCount)",
        ])
        return report
    }

    // MARK: Transactions

    public func createTransaction(lockerId: Int64?, reference: String?, by caller: Caller) async throws(GatewayError) -> TransactionRecord {
        let unavailable = await runtime.unavailableLockerIds()
        let record = try await storeCall { () throws(StoreError) in
            try await store.createTransaction(lockerId: lockerId, reference: reference, unavailableLockerIds: unavailable)
        }
        audit.info("transaction created", metadata: [
            "caller": "\(caller.auditName)", "transaction": "\(record.id)", "locker": "\(record.lockerId)",
        ])
        return record
    }

    public func transaction(id: String) async throws(GatewayError) -> TransactionRecord {
        try await storeCall { () throws(StoreError) in try await store.transaction(id: id) }
    }

    public func transactions(
        status: String?, lockerId: Int64?, limit: Int, offset: Int
    ) async throws(GatewayError) -> (items: [TransactionRecord], total: Int) {
        try await storeCall { () throws(StoreError) in
            try await store.transactions(status: status, lockerId: lockerId, limit: limit, offset: offset)
        }
    }

    public func releaseTransaction(id: String, by caller: Caller) async throws(GatewayError) -> TransactionRecord {
        let record = try await storeCall { () throws(StoreError) in try await store.releaseTransaction(id: id) }
        audit.info("transaction released", metadata: [
            "caller": "\(caller.auditName)", "transaction": "\(id)", "locker": "\(record.lockerId)",
        ])
        return record
    }

    /// Opens the locker an active transaction holds, even out of service: the
    /// customer's belongings are inside.
    public func openByTransaction(id: String, by caller: Caller) async throws(GatewayError) -> LockerOpenReport {
        let record = try await transaction(id: id)
        guard record.status == "active" else {
            let error = GatewayError(
                "TRANSACTION_NOT_ACTIVE", "Transaction \(id) is released",
                details: ["transactionId": id, "lockerId": "\(record.lockerId)"])
            await refuse(record.lockerId, caller, transaction: id, error)
            throw error
        }
        return try await fire(record.lockerId, caller, transaction: id)
    }

    // MARK: Shared

    private func fire(_ lockerId: Int64, _ caller: Caller, transaction: String? = nil) async throws(GatewayError) -> LockerOpenReport {
        do {
            let outcome = try await runtime.open(lockerId: lockerId)
            audit.notice("locker opened", metadata: auditMetadata(lockerId, caller, transaction).merging([
                "doorState": "\(outcome.doorState.rawValue)",
            ]) { _, new in new })
            return LockerOpenReport(lockerId: lockerId, doorState: outcome.doorState)
        } catch {
            let failure = GatewayError(error, lockerId: lockerId)
            auditOpen(lockerId, caller, transaction: transaction, refused: failure)
            throw failure
        }
    }

    /// An open the domain turned down before any frame went out: audited and
    /// counted as `refused`, like the runtime's own refusals.
    private func refuse(_ lockerId: Int64, _ caller: Caller, transaction: String? = nil, _ error: GatewayError) async {
        auditOpen(lockerId, caller, transaction: transaction, refused: error)
        await runtime.recordRefusedOpen()
    }

    /// Open-all answers 207 rather than an error, so each locker whose lock failed
    /// or went unanswered is logged at error level here (one Sentry event each).
    private func auditFailures(of results: [OpenAllResult], _ caller: Caller) {
        for result in results {
            let code: String
            switch result.outcome {
            case let .failed(error): code = GatewayError(error, lockerId: result.lockerId).code
            case .outcomeUnknown: code = "HARDWARE_TIMEOUT"
            case .opened, .skipped, .notStarted: continue
            }
            audit.error("locker open failed during open-all", metadata: auditMetadata(result.lockerId, caller, nil)
                .merging(["code": "\(code)"]) { _, new in new })
        }
    }

    private func auditOpen(_ lockerId: Int64, _ caller: Caller, transaction: String? = nil, refused error: GatewayError) {
        audit.warning("locker open refused or failed", metadata: auditMetadata(lockerId, caller, transaction).merging([
            "code": "\(error.code)",
        ]) { _, new in new })
    }

    private func auditMetadata(_ lockerId: Int64, _ caller: Caller, _ transaction: String?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["locker": "\(lockerId)", "caller": "\(caller.auditName)"]
        if let transaction { metadata["transaction"] = "\(transaction)" }
        return metadata
    }

    func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(GatewayError) -> T {
        do {
            return try await body()
        } catch {
            throw GatewayError(error)
        }
    }
}

/// What `GET /lockers` depends on: stored lockers and transactions (the store's
/// write generation) and the hardware's live door and operational states (the
/// runtime's live-state generation). Read before the view is computed, so a change
/// during the computation only makes the next request compute it again.
public struct LockerViewKey: Sendable, Equatable {
    var storeGeneration: UInt64
    var liveStateGeneration: UInt64
}

extension LockerGateway {
    /// The current key of the lockers' view: two counters, no actor hop.
    public func lockerViewKey() async -> LockerViewKey {
        LockerViewKey(
            storeGeneration: store.lockerViewGeneration,
            liveStateGeneration: runtime.liveStateGeneration.load(ordering: .acquiring))
    }
}
