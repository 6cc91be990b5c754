import Foundation
import Hummingbird
import HarborDrivers

/// The public API served by the gateway's domain: each operation calls the domain
/// and turns its values into the document's models and its errors into `APIError`.
public struct GatewayOperationsAdapter: GatewayOperations {
    let gateway: LockerGateway
    private let lockerList = LockerListCache()

    public init(_ gateway: LockerGateway) {
        self.gateway = gateway
    }

    public func health() async -> (Health, httpStatus: Int) {
        let report = await gateway.health()
        let health = Health(
            status: report.isDegraded ? .degraded : .ok, version: gateway.identity.version,
            uptimeSeconds: report.uptime.apiSeconds, store: report.storeUsable ? .ok : .unavailable,
            controllersOnline: report.controllersOnline, controllersTotal: report.controllersTotal)
        return (health, report.storeUsable ? 200 : 503)
    }

    public func listTransactions(
        status: TransactionStatus?, lockerId: Int64?, limit: Int, offset: Int
    ) async throws(APIError) -> TransactionList {
        let page = try await api { () throws(GatewayError) in
            try await gateway.transactions(status: status?.rawValue, lockerId: lockerId, limit: limit, offset: offset)
        }
        return TransactionList(transactions: page.items.map(\.api), total: page.total, limit: limit, offset: offset)
    }

    public func createTransaction(_ request: CreateTransactionRequest, caller: Caller) async throws(APIError) -> TransactionResponse {
        try await api { () throws(GatewayError) in
            try await gateway.createTransaction(lockerId: request.lockerId, reference: request.reference, by: caller)
        }.api
    }

    public func transaction(id: String) async throws(APIError) -> TransactionResponse {
        try await api { () throws(GatewayError) in try await gateway.transaction(id: id) }.api
    }

    public func releaseTransaction(id: String, caller: Caller) async throws(APIError) -> TransactionResponse {
        try await api { () throws(GatewayError) in try await gateway.releaseTransaction(id: id, by: caller) }.api
    }

    public func openByTransaction(id: String, caller: Caller) async throws(APIError) -> LockerOperationResponse {
        try await api { () throws(GatewayError) in try await gateway.openByTransaction(id: id, by: caller) }.api
    }

    public func lockers() async throws(APIError) -> LockerList {
        LockerList(lockers: try await api { () throws(GatewayError) in try await gateway.lockers() }.map(\.api))
    }

    /// The list's key is taken before the list is read: a change in between gives
    /// a newer list under an older key, which the next request reads again.
    public func lockersBody() async throws(APIError) -> ByteBuffer {
        let key = await gateway.lockerViewKey()
        if let cached = lockerList.body(for: key) { return cached }
        let body = try APICoding.encodedBody(try await lockers())
        lockerList.store(body, for: key)
        return body
    }

    public func locker(id: Int64) async throws(APIError) -> Locker {
        try await api { () throws(GatewayError) in try await gateway.locker(id: id) }.api
    }

    public func openLocker(id: Int64, caller: Caller) async throws(APIError) -> LockerOperationResponse {
        try await api { () throws(GatewayError) in
            try await gateway.openLocker(id: id, by: caller, allowOutOfService: caller.isAdmin)
        }.api
    }

    public func openAll(_ request: OpenAllRequest, caller: Caller) async throws(APIError) -> OpenAllRun {
        let report = try await api { () throws(GatewayError) in
            try await gateway.openAll(includeOutOfService: request.includeOutOfService && caller.isAdmin, by: caller)
        }
        return OpenAllRun(
            results: report.results.map(\.api),
            durationMs: Int(report.duration.apiSeconds * 1000))
    }

    public func system() async throws(APIError) -> System {
        try await api { () throws(GatewayError) in try await gateway.system() }.api
    }

    public func updateConfig(_ update: SystemConfigUpdate, caller: Caller) async throws(APIError) -> System {
        try await api { () throws(GatewayError) in
            try await gateway.updateSettings(by: caller) { settings in update.apply(to: &settings) }
        }.api
    }

    public func logs(level: LogLevel?, since: Date?, category: String?, limit: Int) async throws(APIError) -> LogList {
        let records = try await api { () throws(GatewayError) in
            try await gateway.logs(
                minimumLevel: level,
                since: since, category: category, limit: limit)
        }
        return LogList(logs: records.map(\.api))
    }

    /// Runs a domain call, answering its refusal as the document's error.
    private func api<T>(_ body: () async throws(GatewayError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            throw APIError(error)
        }
    }
}

extension APIError {
    /// The domain's error under the document's code; an unknown code is an internal error.
    init(_ error: GatewayError) {
        let details = error.details.isEmpty ? nil : error.details.mapValues { JSONValue.string($0) }
        if let code = APIErrorCode(rawValue: error.code) {
            self.init(code, message: error.message, details: details)
        } else {
            self.init(.internalError, message: "Internal error (\(error.code))", details: nil)
        }
    }
}

extension SystemConfigUpdate {
    func apply(to settings: inout GatewaySettings) {
        if let gatewayName { settings.gatewayName = gatewayName }
        if let pulseMs { settings.pulseMs = pulseMs }
        if let statusPollIntervalMs { settings.statusPollIntervalMs = statusPollIntervalMs }
        if let openAllConcurrency { settings.openAllConcurrency = openAllConcurrency }
        if let openAllSpacingMs { settings.openAllSpacingMs = openAllSpacingMs }
        if let logLevel { settings.logLevel = logLevel }
        if let sessionIdleTimeoutSeconds { settings.sessionIdleTimeoutSeconds = sessionIdleTimeoutSeconds }
        if let sessionAbsoluteTimeoutSeconds { settings.sessionAbsoluteTimeoutSeconds = sessionAbsoluteTimeoutSeconds }
        if let autoAddDiscoveredControllers { settings.autoAddDiscoveredControllers = autoAddDiscoveredControllers }
    }
}

extension Duration {
    var apiSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
