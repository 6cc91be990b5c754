import Foundation
import Hummingbird

/// Turns validated HTTP input into `GatewayOperations` calls and their results
/// into answers. One method per operation; input is read and checked here, so
/// nothing reaches the domain unless it validated.
struct GatewayHandlers: Sendable {
    let operations: any GatewayOperations
    /// Nil in the public-only router, which registers no admin route.
    let admin: AdminHandlers?
    let configuration: GatewayHTTPConfiguration
    /// Served by `GET /metrics`.
    let metrics: GatewayMetrics
    let bodies: RequestBodyReader
    /// Built on the first `GET /admin`: most gateways never serve it.
    let adminPage: AdminPageCache
    /// Served by `GET /events`.
    let events: LockerEventFeed

    init(
        operations: any GatewayOperations, admin: AdminHandlers?, configuration: GatewayHTTPConfiguration,
        metrics: GatewayMetrics, events: LockerEventFeed = LockerEventFeed()
    ) {
        self.operations = operations
        self.events = events
        self.metrics = metrics
        self.admin = admin
        self.configuration = configuration
        bodies = RequestBodyReader(maxBytes: configuration.maxBodyBytes)
        adminPage = AdminPageCache(gatewayName: configuration.gatewayName)
    }

    /// Dispatches one routed request; the switch is exhaustive, so every route has a handler.
    func respond(
        to operation: GatewayOperationID, request: Request, context: GatewayRequestContext
    ) async throws(APIError) -> Response {
        switch operation {
        case .getHealth: return try await health()
        case .getMetrics:
            return await page(ByteBuffer(bytes: metrics.exposition()), contentType: GatewayMetrics.contentType)
        case .getAdminInterface: return adminPage.response()
        case .getOpenApiDocument: return page(OpenAPIDocument.body, contentType: OpenAPIDocument.mediaType)
        case .listTransactions: return try await listTransactions(request)
        case .createTransaction: return try await createTransaction(request, caller(context))
        case .getTransaction: return try await transaction(context)
        case .releaseTransaction: return try await releaseTransaction(context)
        case .openLockerByTransaction: return try await openByTransaction(context)
        case .listLockers: return Self.jsonBody(try await operations.lockersBody())
        case .openAllLockers: return try await openAll(request, caller(context))
        case .getLocker: return try await locker(context)
        case .openLocker: return try await openLocker(context)
        case .getSystem: return try Self.json(await operations.system())
        case .updateSystemConfig: return try await updateConfig(request, caller(context))
        case .getSystemLogs: return try await logs(request)
        case .login: return try await adminSide(request).login(request, context)
        case .logout: return try await adminSide(request).logout(request)
        case .changeAdminPassword: return try await adminSide(request).changePassword(request, context)
        case .listControllers: return try await Self.json(adminSide(request).operations.controllers())
        case .createController: return try await adminSide(request).createController(request, caller(context))
        case .scanControllers: return try await adminSide(request).scan(request, caller(context))
        case .getController: return try await adminSide(request).controller(context)
        case .updateController: return try await adminSide(request).updateController(request, context, caller(context))
        case .deleteController: return try await adminSide(request).deleteController(context, caller(context))
        case .replaceController: return try await adminSide(request).replaceController(request, context, caller(context))
        case .adjustLockerCount: return try await adminSide(request).adjustLockerCount(request, context, caller(context))
        case .updateLockerServiceState:
            return try await adminSide(request).updateLockerServiceState(request, context, caller(context))
        case .refreshNetwork:
            return try await Self.json(adminSide(request).operations.refreshNetwork(caller: caller(context)))
        case .rebootSystem: return try await adminSide(request).reboot(caller(context))
        case .streamEvents: return await events.response(to: request, caller: try caller(context), sessions: admin?.sessions)
        case .testSentry: return try await Self.json(adminSide(request).operations.sendSentryTest(caller: caller(context)))
        }
    }

    /// The admin handlers; the public-only router never routes here, so a miss is an unknown path.
    private func adminSide(_ request: Request) throws(APIError) -> AdminHandlers {
        guard let admin else { throw .notFound(path: request.uri.path) }
        return admin
    }

    private func health() async throws(APIError) -> Response {
        let (health, httpStatus) = await operations.health()
        return try Self.json(health, status: httpStatus == 503 ? .serviceUnavailable : .ok)
    }

    private func page(_ body: ByteBuffer, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The authenticated caller; the route wrapper sets it before any authenticated handler runs.
    func caller(_ context: GatewayRequestContext) throws(APIError) -> Caller {
        guard let caller = context.caller else { throw .unauthorized() }
        return caller
    }

    /// A JSON answer in the API's encoding; `no-store` because every answer is live state.
    /// An already encoded JSON body (`GET /lockers` may come from a cache).
    static func jsonBody(_ body: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws(APIError) -> Response {
        let data: Data
        do {
            data = try APICoding.responseEncoder.encode(value)
        } catch {
            throw .internalError()
        }
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
