/// The seam between the HTTP layer and the domain for the Admin API: one method
/// per admin operation (login, logout and the password change are the
/// `SessionManager`'s), taking validated input only and answering API models.
/// Expected failures are `APIError`s with the document's codes.
public protocol AdminOperations: Sendable {
    /// `GET /controllers`: every controller, by id.
    func controllers() async throws(APIError) -> ControllerList

    /// `POST /controllers` (answered 201 with `Location`); the per-kind rules already hold.
    /// 400 `DEVICE_NOT_FOUND`, 409 `CONTROLLER_ADDRESS_TAKEN`.
    func createController(_ request: CreateControllerRequest, caller: Caller) async throws(APIError) -> APIController

    /// `POST /controllers/scan`: at least one of `mdns` and `serial` is true.
    func scanControllers(_ request: ScanRequest, caller: Caller) async throws(APIError) -> ScanResponse

    /// `GET /controllers/{controllerId}`; `id` is positive. 404 `CONTROLLER_NOT_FOUND`.
    func controller(id: Int64) async throws(APIError) -> ControllerDetails

    /// `PATCH /controllers/{controllerId}`: at least one setting; whether the
    /// fields fit the controller's kind is checked here (400 `VALIDATION_FAILED`).
    func updateController(
        id: Int64, _ update: UpdateControllerRequest, caller: Caller
    ) async throws(APIError) -> APIController

    /// `DELETE /controllers/{controllerId}`. 409 `CONTROLLER_IN_USE`.
    func deleteController(id: Int64, caller: Caller) async throws(APIError) -> OperationResponse

    /// `POST /controllers/{controllerId}/replace`: the new controller with the old one's lockers.
    func replaceController(
        id: Int64, _ request: ReplaceControllerRequest, caller: Caller
    ) async throws(APIError) -> ControllerDetails

    /// `POST /controllers/{controllerId}/locker-count`: `lockerCount` in 0...64. 409 `LOCKER_OCCUPIED`.
    func adjustLockerCount(
        controllerId: Int64, _ request: AdjustLockerCountRequest, caller: Caller
    ) async throws(APIError) -> AdjustLockerCountResponse

    /// `PATCH /lockers/{lockerId}`: out of service or back. 404 `LOCKER_NOT_FOUND`.
    func updateLockerServiceState(
        lockerId: Int64, _ request: UpdateLockerServiceStateRequest, caller: Caller
    ) async throws(APIError) -> OperationResponse

    /// `POST /system/network/refresh`: the interfaces read again.
    func refreshNetwork(caller: Caller) async throws(APIError) -> NetworkInfo

    /// `POST /system/reboot` (answered 202): accepts the reboot; it follows the answer.
    func reboot(caller: Caller) async throws(APIError) -> OperationResponse

    /// `POST /diagnostics/sentry-test`: the id of the event sent. 503 `SENTRY_NOT_CONFIGURED`.
    func sendSentryTest(caller: Caller) async throws(APIError) -> SentryTestResponse
}
