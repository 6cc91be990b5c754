import Hummingbird

/// Turns validated Admin API input into `AdminOperations` and `SessionManager`
/// calls. Credentials were checked by the route wrapper, except for login, whose
/// Basic credentials are what the session is opened with.
struct AdminHandlers: Sendable {
    let operations: any AdminOperations
    let authenticator: AdminAuthenticator
    let sessions: SessionManager
    let bodies: RequestBodyReader

    func login(_ request: Request, _ context: GatewayRequestContext) async throws(APIError) -> Response {
        let session = try await authenticator.login(request, client: context.clientAddress)
        return try GatewayHandlers.json(LoginResponse(token: session.token, expiresAt: session.expiresAt))
    }

    /// Ends the session named in `X-Session-Token`; with Basic credentials alone there is none to end.
    func logout(_ request: Request) async throws(APIError) -> Response {
        if let token = AdminCredentialHeaders(request).sessionToken {
            do { try await sessions.logout(token: token) } catch { throw APIError(error) }
            return try GatewayHandlers.json(OperationResponse(message: "The session ended."))
        }
        return try GatewayHandlers.json(OperationResponse(message: "No session token was sent; nothing to end."))
    }

    func changePassword(_ request: Request, _ context: GatewayRequestContext) async throws(APIError) -> Response {
        let body = try await bodies.read(ChangePasswordRequest.self, from: request, required: true)
        do {
            try await sessions.changePassword(
                current: body.currentPassword, new: body.newPassword, client: context.clientAddress)
        } catch {
            // A wrong current password is a 401 like any wrong credential.
            throw APIError(error)
        }
        return try GatewayHandlers.json(OperationResponse(message: "Password changed; every session ended."))
    }

    func createController(_ request: Request, _ caller: Caller) async throws(APIError) -> Response {
        let body = try await bodies.read(CreateControllerRequest.self, from: request, required: true)
        let controller = try await operations.createController(body, caller: caller)
        var headers = HTTPFields()
        headers[.location] = "/controllers/\(controller.id)"
        return try GatewayHandlers.json(controller, status: .created, headers: headers)
    }

    func scan(_ request: Request, _ caller: Caller) async throws(APIError) -> Response {
        let body = try await bodies.read(ScanRequest.self, from: request, required: false)
        return try GatewayHandlers.json(await operations.scanControllers(body, caller: caller))
    }

    func controller(_ context: GatewayRequestContext) async throws(APIError) -> Response {
        let id = try PathIdentifiers.controllerId(context.parameters.get("controllerId"))
        return try GatewayHandlers.json(await operations.controller(id: id))
    }

    func updateController(
        _ request: Request, _ context: GatewayRequestContext, _ caller: Caller
    ) async throws(APIError) -> Response {
        let id = try PathIdentifiers.controllerId(context.parameters.get("controllerId"))
        let body = try await bodies.read(UpdateControllerRequest.self, from: request, required: true)
        return try GatewayHandlers.json(await operations.updateController(id: id, body, caller: caller))
    }

    func deleteController(_ context: GatewayRequestContext, _ caller: Caller) async throws(APIError) -> Response {
        let id = try PathIdentifiers.controllerId(context.parameters.get("controllerId"))
        return try GatewayHandlers.json(await operations.deleteController(id: id, caller: caller))
    }

    func replaceController(
        _ request: Request, _ context: GatewayRequestContext, _ caller: Caller
    ) async throws(APIError) -> Response {
        let id = try PathIdentifiers.controllerId(context.parameters.get("controllerId"))
        let body = try await bodies.read(ReplaceControllerRequest.self, from: request, required: true)
        return try GatewayHandlers.json(await operations.replaceController(id: id, body, caller: caller))
    }

    func adjustLockerCount(
        _ request: Request, _ context: GatewayRequestContext, _ caller: Caller
    ) async throws(APIError) -> Response {
        let id = try PathIdentifiers.controllerId(context.parameters.get("controllerId"))
        let body = try await bodies.read(AdjustLockerCountRequest.self, from: request, required: true)
        return try GatewayHandlers.json(await operations.adjustLockerCount(controllerId: id, body, caller: caller))
    }

    func updateLockerServiceState(
        _ request: Request, _ context: GatewayRequestContext, _ caller: Caller
    ) async throws(APIError) -> Response {
        let id = try PathIdentifiers.lockerId(context.parameters.get("lockerId"))
        let body = try await bodies.read(UpdateLockerServiceStateRequest.self, from: request, required: true)
        return try GatewayHandlers.json(await operations.updateLockerServiceState(lockerId: id, body, caller: caller))
    }

    /// 202: the reboot follows the answer.
    func reboot(_ caller: Caller) async throws(APIError) -> Response {
        try GatewayHandlers.json(await operations.reboot(caller: caller), status: .accepted)
    }
}
