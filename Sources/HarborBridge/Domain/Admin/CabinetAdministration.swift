import Foundation
import HarborDrivers
import Logging

/// The admin operations of the gateway: controllers added, changed, removed,
/// replaced and resized, lockers taken out of service, network re-read.
///
/// Every change is committed to the store first and then applied to the running
/// hardware at once (no restart), one change at a time. Every change, and every
/// refusal, lands on the audit log with the caller who asked.
public final class CabinetAdministration: Sendable {
    let store: HarborStore
    let runtime: HardwareRuntime
    let audit: Logger
    let clock: @Sendable () -> Date
    let turns = AdminTurns()

    /// Administration of the cabinet in `store`, driven by `runtime`; `audit` is
    /// the logger labelled "audit".
    public init(
        store: HarborStore, runtime: HardwareRuntime, audit: Logger, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.runtime = runtime
        self.audit = audit
        self.clock = clock
    }

    // MARK: Reading

    /// Every live controller with its runtime status and locker count, by id.
    public func controllers() async throws(GatewayError) -> [ControllerSummary] {
        let records = try await stored { () throws(StoreError) in try await store.controllers() }
        let lockers = try await stored { () throws(StoreError) in try await store.lockers() }
        let statuses = await runtime.statuses()
        let counts = Dictionary(grouping: lockers, by: \.controllerId).mapValues(\.count)
        return records.map { ControllerSummary(record: $0, status: statuses[$0.id], lockerCount: counts[$0.id] ?? 0) }
    }

    /// One live controller in full; CONTROLLER_NOT_FOUND for an unknown or retired one.
    public func controller(id: Int64) async throws(GatewayError) -> ControllerDetailsView {
        let record = try await stored { () throws(StoreError) in try await store.controller(id: id) }
        let lockers = try await stored { () throws(StoreError) in try await store.lockers(controllerId: id) }
        let holders = try await stored { () throws(StoreError) in try await store.activeTransactionsByLocker() }
        let all = try await stored { () throws(StoreError) in try await store.controllers(includeRetired: true) }
        let doors = await runtime.doorStates()
        let unavailable = await runtime.unavailableLockerIds()
        let states = lockers.map { locker in
            LockerState(
                record: locker, transactionId: holders[locker.id], doorState: doors[locker.id] ?? .unknown,
                operational: !unavailable.contains(locker.id))
        }
        return ControllerDetailsView(
            record: record, status: await runtime.status(controllerId: id), lockers: states,
            replaced: all.first { $0.replacedById == id })
    }

    /// One live controller as the list shows it.
    func summary(of id: Int64) async throws(GatewayError) -> ControllerSummary {
        let record = try await stored { () throws(StoreError) in try await store.controller(id: id) }
        let lockers = try await stored { () throws(StoreError) in try await store.lockers(controllerId: id) }
        return ControllerSummary(record: record, status: await runtime.status(controllerId: id), lockerCount: lockers.count)
    }

    // MARK: Network

    /// Reads the network interfaces again, as `POST /system/network/refresh` asks.
    public func refreshNetwork(by caller: Caller) -> NetworkSnapshot {
        let snapshot = NetworkSnapshot(interfaces: NetworkInspector.interfaces(), at: clock())
        audit.info("network information refreshed", metadata: [
            "caller": "\(caller.auditName)", "interfaces": "\(snapshot.interfaces.map(\.name).joined(separator: ","))",
        ])
        return snapshot
    }

    // MARK: Shared steps

    /// Runs one admin change in its turn. A refusal is audited with its code
    /// before it is thrown; the change itself audits what it did.
    func change<T>(
        _ action: String, by caller: Caller, about subject: Logger.Metadata,
        _ body: () async throws(GatewayError) -> T
    ) async throws(GatewayError) -> T {
        await turns.enter()
        do {
            let result = try await body()
            await turns.leave()
            return result
        } catch {
            await turns.leave()
            var metadata = subject
            metadata["caller"] = "\(caller.auditName)"
            metadata["code"] = "\(error.code)"
            if let field = error.details["field"] { metadata["field"] = "\(field)" }
            audit.warning("\(action) refused", metadata: metadata)
            throw error
        }
    }

    /// Runs a store call, answering its refusal with a code of the admin API.
    func stored<T>(_ body: () async throws(StoreError) -> T) async throws(GatewayError) -> T {
        do {
            return try await body()
        } catch {
            throw Self.adminError(error)
        }
    }

    /// The store's refusals under the API's codes; the store's own codes that the
    /// API does not know would reach clients as internal errors.
    static func adminError(_ error: StoreError) -> GatewayError {
        switch error {
        case let .serialTaken(serial):
            GatewayError(
                "CONTROLLER_ADDRESS_TAKEN", "A live controller already carries serial \(serial)",
                details: ["field": "/serial"])
        case .invalidLockerCount:
            .validation(field: "lockerCount", error.message)
        case let .lockerOccupied(lockerId):
            GatewayError("LOCKER_OCCUPIED", error.message, details: ["lockerId": "\(lockerId)"])
        case let .controllerInUse(controllerId):
            GatewayError("CONTROLLER_IN_USE", error.message, details: ["controllerId": "\(controllerId)"])
        case let .controllerNotFound(controllerId):
            GatewayError("CONTROLLER_NOT_FOUND", error.message, details: ["controllerId": "\(controllerId)"])
        case let .lockerNotFound(lockerId):
            .lockerNotFound(lockerId)
        default:
            GatewayError(error)
        }
    }

    /// What the audit log says about a controller (never a secret: records hold none).
    static func describe(_ record: ControllerRecord) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "controller": "\(record.id)", "name": "\(record.name)", "kind": "\(record.kind)",
            "protocol": "\(record.boardProtocol)",
        ]
        if let device = record.device { metadata["device"] = "\(device)" }
        if let host = record.host, let port = record.port { metadata["endpoint"] = "\(host):\(port)" }
        if let address = record.address { metadata["address"] = "\(address)" }
        if let chip = record.chip { metadata["chip"] = "\(chip)" }
        if let lines = record.lines { metadata["lines"] = "\(lines.joined(separator: ","))" }
        return metadata
    }
}
