import Foundation
import HarborBridge
import Synchronization

/// A `GatewayOperations` that records every call and answers fixtures, or the
/// error a test told it to throw.
final class RecordingOperations: GatewayOperations {
    enum Call: Equatable, Sendable {
        case health
        case listTransactions(status: TransactionStatus?, lockerId: Int64?, limit: Int, offset: Int)
        case createTransaction(CreateTransactionRequest, Caller)
        case transaction(String)
        case releaseTransaction(String, Caller)
        case openByTransaction(String, Caller)
        case lockers
        case locker(Int64)
        case openLocker(Int64, Caller)
        case openAll(OpenAllRequest, Caller)
        case system
        case updateConfig(SystemConfigUpdate, Caller)
        case logs(level: LogLevel?, since: Date?, category: String?, limit: Int)
    }

    private struct State {
        var calls: [Call] = []
        var failure: APIError?
        var health = (Fixtures.health, 200)
        var openAllRun = Fixtures.openAllRun
    }

    private let state = Mutex(State())

    /// The calls so far, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    /// Every later call throws `error`.
    func fail(with error: APIError) { state.withLock { $0.failure = error } }

    func answerHealth(_ health: Health, httpStatus: Int) { state.withLock { $0.health = (health, httpStatus) } }

    func answerOpenAll(_ run: OpenAllRun) { state.withLock { $0.openAllRun = run } }

    private func record(_ call: Call) throws(APIError) {
        let failure = state.withLock { state in
            state.calls.append(call)
            return state.failure
        }
        if let failure { throw failure }
    }

    func health() async -> (Health, httpStatus: Int) {
        state.withLock { state in
            state.calls.append(.health)
            return (state.health.0, httpStatus: state.health.1)
        }
    }

    func listTransactions(
        status: TransactionStatus?, lockerId: Int64?, limit: Int, offset: Int
    ) async throws(APIError) -> TransactionList {
        try record(.listTransactions(status: status, lockerId: lockerId, limit: limit, offset: offset))
        return TransactionList(transactions: [Fixtures.activeTransaction, Fixtures.releasedTransaction], total: 2, limit: limit, offset: offset)
    }

    func createTransaction(_ request: CreateTransactionRequest, caller: Caller) async throws(APIError) -> TransactionResponse {
        try record(.createTransaction(request, caller))
        return Fixtures.activeTransaction
    }

    func transaction(id: String) async throws(APIError) -> TransactionResponse {
        try record(.transaction(id))
        return Fixtures.activeTransaction
    }

    func releaseTransaction(id: String, caller: Caller) async throws(APIError) -> TransactionResponse {
        try record(.releaseTransaction(id, caller))
        return Fixtures.releasedTransaction
    }

    func openByTransaction(id: String, caller: Caller) async throws(APIError) -> LockerOperationResponse {
        try record(.openByTransaction(id, caller))
        return Fixtures.opened
    }

    func lockers() async throws(APIError) -> LockerList {
        try record(.lockers)
        return LockerList(lockers: [Fixtures.occupiedLocker, Fixtures.outOfServiceLocker])
    }

    func locker(id: Int64) async throws(APIError) -> Locker {
        try record(.locker(id))
        return Fixtures.occupiedLocker
    }

    func openLocker(id: Int64, caller: Caller) async throws(APIError) -> LockerOperationResponse {
        try record(.openLocker(id, caller))
        return Fixtures.opened
    }

    func openAll(_ request: OpenAllRequest, caller: Caller) async throws(APIError) -> OpenAllRun {
        try record(.openAll(request, caller))
        return state.withLock { $0.openAllRun }
    }

    func system() async throws(APIError) -> System {
        try record(.system)
        return Fixtures.system
    }

    func updateConfig(_ update: SystemConfigUpdate, caller: Caller) async throws(APIError) -> System {
        try record(.updateConfig(update, caller))
        return Fixtures.system
    }

    func logs(level: LogLevel?, since: Date?, category: String?, limit: Int) async throws(APIError) -> LogList {
        try record(.logs(level: level, since: since, category: category, limit: limit))
        return LogList(logs: [Fixtures.logEntry])
    }
}
