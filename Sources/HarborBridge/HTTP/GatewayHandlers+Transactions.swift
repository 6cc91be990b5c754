import Hummingbird

extension GatewayHandlers {
    func listTransactions(_ request: Request) async throws(APIError) -> Response {
        let query = QueryReader(request)
        let status = try query.enumeration("status", as: TransactionStatus.self)
        let lockerId = try query.integer("lockerId", in: 1...Int64.max)
        let limit = try query.integer("limit", in: 1...500, default: 50) ?? 50
        let offset = try query.integer("offset", in: 0...Int64(Int.max), default: 0) ?? 0
        return try Self.json(
            await operations.listTransactions(status: status, lockerId: lockerId, limit: Int(limit), offset: Int(offset)))
    }

    func createTransaction(_ request: Request, _ caller: Caller) async throws(APIError) -> Response {
        let body = try await bodies.read(CreateTransactionRequest.self, from: request, required: false)
        let transaction = try await operations.createTransaction(body, caller: caller)
        var headers = HTTPFields()
        headers[.location] = "/transactions/\(transaction.id)"
        return try Self.json(transaction, status: .created, headers: headers)
    }

    func transaction(_ context: GatewayRequestContext) async throws(APIError) -> Response {
        let id = try PathIdentifiers.transactionId(context.parameters.get("transactionId"))
        return try Self.json(await operations.transaction(id: id))
    }

    func releaseTransaction(_ context: GatewayRequestContext) async throws(APIError) -> Response {
        let caller = try caller(context)
        let id = try PathIdentifiers.transactionId(context.parameters.get("transactionId"))
        return try Self.json(await operations.releaseTransaction(id: id, caller: caller))
    }

    func openByTransaction(_ context: GatewayRequestContext) async throws(APIError) -> Response {
        let caller = try caller(context)
        let id = try PathIdentifiers.transactionId(context.parameters.get("transactionId"))
        return try Self.json(await operations.openByTransaction(id: id, caller: caller))
    }
}
