import Foundation
import HarborDrivers

/// The Admin API served by the gateway's administration: each operation calls the
/// domain and turns its values into the document's models, its errors into `APIError`.
public struct AdminOperationsAdapter: AdminOperations {
    let administration: CabinetAdministration
    let reboots: RebootScheduler
    let discovery: ControllerDiscovery
    let sentry: SentryReporter?

    public init(
        administration: CabinetAdministration, reboots: RebootScheduler, discovery: ControllerDiscovery,
        sentry: SentryReporter? = nil
    ) {
        self.administration = administration
        self.reboots = reboots
        self.discovery = discovery
        self.sentry = sentry
    }

    public func controllers() async throws(APIError) -> ControllerList {
        let summaries = try await api { () throws(GatewayError) in try await administration.controllers() }
        return ControllerList(controllers: summaries.map(\.api))
    }

    public func createController(_ request: CreateControllerRequest, caller: Caller) async throws(APIError) -> APIController {
        try await api { () throws(GatewayError) in
            try await administration.addController(request.declaration, by: caller)
        }.summary.api
    }

    public func scanControllers(_ request: ScanRequest, caller: Caller) async throws(APIError) -> ScanResponse {
        let started = ContinuousClock.now
        let findings = try await api { () throws(GatewayError) in
            try await discovery.scan(
                mdns: request.mdns, serial: request.serial, timeout: .milliseconds(request.timeoutMs), by: caller)
        }
        return ScanResponse(
            durationMs: Int((ContinuousClock.now - started).apiSeconds * 1000), found: findings.map(\.api))
    }

    public func controller(id: Int64) async throws(APIError) -> ControllerDetails {
        try await api { () throws(GatewayError) in try await administration.controller(id: id) }.api
    }

    public func updateController(
        id: Int64, _ update: UpdateControllerRequest, caller: Caller
    ) async throws(APIError) -> APIController {
        try await api { () throws(GatewayError) in
            try await administration.updateController(id: id, patch: update.patch, by: caller)
        }.summary.api
    }

    public func deleteController(id: Int64, caller: Caller) async throws(APIError) -> OperationResponse {
        let removed = try await api { () throws(GatewayError) in
            try await administration.removeController(id: id, by: caller)
        }
        return OperationResponse(message: "Controller \(id) removed with \(removed.count) lockers")
    }

    public func replaceController(
        id: Int64, _ request: ReplaceControllerRequest, caller: Caller
    ) async throws(APIError) -> ControllerDetails {
        try await api { () throws(GatewayError) in
            try await administration.replaceController(id: id, with: request.declaration, by: caller)
        }.api
    }

    public func adjustLockerCount(
        controllerId: Int64, _ request: AdjustLockerCountRequest, caller: Caller
    ) async throws(APIError) -> AdjustLockerCountResponse {
        let change = try await api { () throws(GatewayError) in
            try await administration.adjustLockerCount(controllerId: controllerId, to: request.lockerCount, by: caller)
        }
        return AdjustLockerCountResponse(
            controllerId: controllerId, lockerCount: change.controller.lockerCount,
            addedLockerIds: change.added, removedLockerIds: change.removed)
    }

    public func updateLockerServiceState(
        lockerId: Int64, _ request: UpdateLockerServiceStateRequest, caller: Caller
    ) async throws(APIError) -> OperationResponse {
        _ = try await api { () throws(GatewayError) in
            try await administration.setLockerServiceState(
                lockerId: lockerId, outOfService: request.outOfService,
                reasonCode: request.reasonCode?.rawValue, reason: request.reason, by: caller)
        }
        return OperationResponse()
    }

    public func refreshNetwork(caller: Caller) async throws(APIError) -> NetworkInfo {
        let snapshot = administration.refreshNetwork(by: caller)
        return NetworkInfo(interfaces: snapshot.interfaces.map(\.api), refreshedAt: snapshot.at)
    }

    public func reboot(caller: Caller) async throws(APIError) -> OperationResponse {
        switch reboots.requestReboot(by: caller) {
        case .scheduled: OperationResponse(message: "Reboot accepted; it follows this answer")
        case .alreadyPending: OperationResponse(message: "A reboot is already under way")
        }
    }

    public func sendSentryTest(caller: Caller) async throws(APIError) -> SentryTestResponse {
        let requester = if case let .admin(user) = caller { "admin \(user)" } else { "an API key holder" }
        switch await sentry?.sendTest(by: requester) ?? .notConfigured {
        case .notConfigured:
            throw APIError(.sentryNotConfigured, message: "Sentry is not configured: set sentryDsn or HARBOR_SENTRY_DSN")
        case let .delivered(eventId):
            return SentryTestResponse(eventId: eventId)
        case let .unreachable(eventId):
            throw APIError(
                .sentryUnreachable,
                message: "Sentry did not accept event \(eventId); it stays queued and is sent when Sentry answers",
                details: ["eventId": .string(eventId)])
        }
    }

    private func api<T>(_ body: () async throws(GatewayError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            throw APIError(error)
        }
    }
}
