import Hummingbird
import Foundation

/// The seam between the HTTP layer and the domain: one method per public
/// operation, taking validated input only and answering API models. Expected
/// failures are `APIError`s with the document's codes; the HTTP layer never looks
/// behind this protocol.
public protocol GatewayOperations: Sendable {
    /// `GET /health`: `httpStatus` 200 for `ok`/`degraded`, 503 when the store is
    /// unusable (any other value is answered as 200).
    func health() async -> (Health, httpStatus: Int)

    /// `GET /transactions`: newest first; `limit` is in 1...500 and `offset` ≥ 0.
    func listTransactions(
        status: TransactionStatus?, lockerId: Int64?, limit: Int, offset: Int
    ) async throws(APIError) -> TransactionList

    /// `POST /transactions` (answered 201 with `Location`).
    func createTransaction(_ request: CreateTransactionRequest, caller: Caller) async throws(APIError) -> TransactionResponse

    /// `GET /transactions/{transactionId}`; `id` is a lowercase UUID.
    func transaction(id: String) async throws(APIError) -> TransactionResponse

    /// `POST /transactions/{transactionId}/release`.
    func releaseTransaction(id: String, caller: Caller) async throws(APIError) -> TransactionResponse

    /// `POST /transactions/{transactionId}/open`.
    func openByTransaction(id: String, caller: Caller) async throws(APIError) -> LockerOperationResponse

    /// `GET /lockers`.
    func lockers() async throws(APIError) -> LockerList

    /// `GET /lockers`, encoded (see the extension's default).
    func lockersBody() async throws(APIError) -> ByteBuffer

    /// `GET /lockers/{lockerId}`; `id` is positive.
    func locker(id: Int64) async throws(APIError) -> Locker

    /// `POST /lockers/{lockerId}/open`; refuses out-of-service lockers unless `caller` is an admin.
    func openLocker(id: Int64, caller: Caller) async throws(APIError) -> LockerOperationResponse

    /// `POST /lockers/open-all`: every locker's own result. The HTTP layer answers
    /// 200 `OpenAllLockersResponse` when none failed, else 207
    /// `MultiStatusOperationResponse`. `includeOutOfService` reaches here only from an admin.
    func openAll(_ request: OpenAllRequest, caller: Caller) async throws(APIError) -> OpenAllRun

    /// `GET /system`.
    func system() async throws(APIError) -> System

    /// `PATCH /system/config`: the update has at least one property, each within its range.
    func updateConfig(_ update: SystemConfigUpdate, caller: Caller) async throws(APIError) -> System

    /// `GET /system/logs`: newest first; `level` is the minimum severity, `limit` in 1...1000.
    func logs(level: LogLevel?, since: Date?, category: String?, limit: Int) async throws(APIError) -> LogList
}

extension GatewayOperations {
    /// `GET /lockers` as the encoded body. Implementations may serve it from a cache
    /// as long as the bytes equal what encoding `lockers()` gives now.
    public func lockersBody() async throws(APIError) -> ByteBuffer {
        try APICoding.encodedBody(await lockers())
    }
}
