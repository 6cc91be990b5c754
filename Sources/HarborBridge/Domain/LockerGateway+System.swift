import Foundation
import HarborDrivers

/// The gateway's view of itself: identity, network, counts, storage, settings.
public struct SystemReport: Sendable {
    public var identity: GatewayIdentity
    public var hostname: String
    public var interfaces: [NetworkInterfaceInfo]
    public var counts: LockerCounts
    public var controllers: [(record: ControllerRecord, status: ControllerRuntimeStatus?, lockerCount: Int)]
    public var databaseBytes: Int64
    public var freeBytes: Int64?
    public var settings: GatewaySettings
}

extension LockerGateway {
    public func system() async throws(GatewayError) -> SystemReport {
        let unavailable = await runtime.unavailableLockerIds()
        let counts = try await storeCall { () throws(StoreError) in
            try await store.lockerCounts(unavailableLockerIds: unavailable)
        }
        let records = try await storeCall { () throws(StoreError) in try await store.controllers() }
        let lockers = try await storeCall { () throws(StoreError) in try await store.lockers() }
        let statuses = await runtime.statuses()
        let perController = Dictionary(grouping: lockers, by: \.controllerId).mapValues(\.count)
        return SystemReport(
            identity: identity,
            hostname: NetworkInspector.hostname(),
            interfaces: NetworkInspector.interfaces(),
            counts: counts,
            controllers: records.map { ($0, statuses[$0.id], perController[$0.id] ?? 0) },
            databaseBytes: store.databaseSize(),
            freeBytes: StorageInspector.freeBytes(at: identity.dataDirectory),
            settings: settings.settings)
    }

    /// Validates, stores and applies a settings change, then reports the system.
    public func updateSettings(
        by caller: Caller, _ change: @escaping (inout GatewaySettings) -> Void
    ) async throws(GatewayError) -> SystemReport {
        let updated = try await settings.update(change)
        audit.notice("settings changed", metadata: [
            "caller": "\(caller.auditName)", "logLevel": "\(updated.logLevel.rawValue)",
            "pulseMs": "\(updated.pulseMs)", "statusPollIntervalMs": "\(updated.statusPollIntervalMs)",
            "openAllConcurrency": "\(updated.openAllConcurrency)", "openAllSpacingMs": "\(updated.openAllSpacingMs)",
        ])
        return try await system()
    }

    /// Stored log entries, newest first; what is still queued is written first.
    public func logs(minimumLevel: GatewayLogLevel?, since: Date?, category: String?, limit: Int) async throws(GatewayError) -> [LogRecord] {
        await journal.flush()
        return try await storeCall { () throws(StoreError) in
            try await store.logs(minimumLevel: minimumLevel?.rawValue, since: since, category: category, limit: limit)
        }
    }

    /// Whether the store answers and how many controllers do.
    public func health() async -> HealthReport {
        let storeUsable = await store.answers()
        let statuses = await runtime.statuses().values
        return HealthReport(
            storeUsable: storeUsable,
            controllersOnline: statuses.filter(\.online).count,
            controllersTotal: statuses.count,
            uptime: identity.uptime)
    }
}
