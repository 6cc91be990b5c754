import Hummingbird

extension GatewayHandlers {
    func locker(_ context: GatewayRequestContext) async throws(APIError) -> Response {
        let id = try PathIdentifiers.lockerId(context.parameters.get("lockerId"))
        return try Self.json(await operations.locker(id: id))
    }

    func openLocker(_ context: GatewayRequestContext) async throws(APIError) -> Response {
        let caller = try caller(context)
        let id = try PathIdentifiers.lockerId(context.parameters.get("lockerId"))
        return try Self.json(await operations.openLocker(id: id, caller: caller))
    }

    /// 200 when no attempted open failed, 207 otherwise; hardware trouble shows in
    /// the results, never as a 5xx for the whole run.
    func openAll(_ request: Request, _ caller: Caller) async throws(APIError) -> Response {
        let body = try await bodies.read(OpenAllRequest.self, from: request, required: false)
        if body.includeOutOfService, !caller.isAdmin {
            throw .validationFailed(
                "includeOutOfService is for admins (session token or Basic credentials) only.",
                field: "/includeOutOfService")
        }
        let run = try await operations.openAll(body, caller: caller)
        if run.failed == 0 {
            return try Self.json(OpenAllLockersResponse(run: run))
        }
        return try Self.json(MultiStatusOperationResponse(run: run), status: HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status"))
    }
}
