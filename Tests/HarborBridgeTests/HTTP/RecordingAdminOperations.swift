import Foundation
import HarborBridge
import Synchronization

/// An `AdminOperations` that records every call and answers fixtures, or the
/// error a test told it to throw.
final class RecordingAdminOperations: AdminOperations {
    enum Call: Equatable, Sendable {
        case controllers
        case createController(CreateControllerRequest, Caller)
        case scan(ScanRequest, Caller)
        case controller(Int64)
        case updateController(Int64, UpdateControllerRequest, Caller)
        case deleteController(Int64, Caller)
        case replaceController(Int64, ReplaceControllerRequest, Caller)
        case adjustLockerCount(Int64, AdjustLockerCountRequest, Caller)
        case updateLockerServiceState(Int64, UpdateLockerServiceStateRequest, Caller)
        case refreshNetwork(Caller)
        case reboot(Caller)
        case sentryTest(Caller)
    }

    private struct State {
        var calls: [Call] = []
        var failure: APIError?
    }

    private let state = Mutex(State())

    /// The calls so far, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    /// Every later call throws `error`.
    func fail(with error: APIError) { state.withLock { $0.failure = error } }

    private func record(_ call: Call) throws(APIError) {
        let failure = state.withLock { state in
            state.calls.append(call)
            return state.failure
        }
        if let failure { throw failure }
    }

    func controllers() async throws(APIError) -> ControllerList {
        try record(.controllers)
        return ControllerList(controllers: [AdminFixtures.serialController, AdminFixtures.gpioController])
    }

    func createController(_ request: CreateControllerRequest, caller: Caller) async throws(APIError) -> APIController {
        try record(.createController(request, caller))
        return AdminFixtures.gpioController
    }

    func scanControllers(_ request: ScanRequest, caller: Caller) async throws(APIError) -> ScanResponse {
        try record(.scan(request, caller))
        return AdminFixtures.scan
    }

    func controller(id: Int64) async throws(APIError) -> ControllerDetails {
        try record(.controller(id))
        return AdminFixtures.details
    }

    func updateController(id: Int64, _ update: UpdateControllerRequest, caller: Caller) async throws(APIError) -> APIController {
        try record(.updateController(id, update, caller))
        return AdminFixtures.serialController
    }

    func deleteController(id: Int64, caller: Caller) async throws(APIError) -> OperationResponse {
        try record(.deleteController(id, caller))
        return OperationResponse()
    }

    func replaceController(
        id: Int64, _ request: ReplaceControllerRequest, caller: Caller
    ) async throws(APIError) -> ControllerDetails {
        try record(.replaceController(id, request, caller))
        return AdminFixtures.replacement
    }

    func adjustLockerCount(
        controllerId: Int64, _ request: AdjustLockerCountRequest, caller: Caller
    ) async throws(APIError) -> AdjustLockerCountResponse {
        try record(.adjustLockerCount(controllerId, request, caller))
        return AdminFixtures.lockerCount
    }

    func updateLockerServiceState(
        lockerId: Int64, _ request: UpdateLockerServiceStateRequest, caller: Caller
    ) async throws(APIError) -> OperationResponse {
        try record(.updateLockerServiceState(lockerId, request, caller))
        return OperationResponse()
    }

    func refreshNetwork(caller: Caller) async throws(APIError) -> NetworkInfo {
        try record(.refreshNetwork(caller))
        return AdminFixtures.network
    }

    func reboot(caller: Caller) async throws(APIError) -> OperationResponse {
        try record(.reboot(caller))
        return OperationResponse(message: "Rebooting")
    }

    func sendSentryTest(caller: Caller) async throws(APIError) -> SentryTestResponse {
        try record(.sentryTest(caller))
        return AdminFixtures.sentry
    }
}
