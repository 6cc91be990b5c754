import Hummingbird

/// The router of both APIs: every row of `GatewayRoute.table` registered with its
/// handler, credentials checked on authenticated and admin rows before any input
/// is read, and every failure answered as the `Error` JSON.
///
/// - `authenticator` checks the API key (`APIKeyAuthenticator`) on public rows.
/// - `admin` serves the admin operations; `sessions` holds the admin sessions, the
///   admin password and the login throttle.
/// - `metrics` counts every request and is served by `GET /metrics`.
/// - `events` is streamed by `GET /events`.
public func buildRouter(
    operations: any GatewayOperations,
    authenticator: any RequestAuthenticator,
    admin: any AdminOperations,
    sessions: SessionManager,
    configuration: GatewayHTTPConfiguration = GatewayHTTPConfiguration(),
    metrics: GatewayMetrics = GatewayMetrics(),
    events: LockerEventFeed = LockerEventFeed()
) -> Router<GatewayRequestContext> {
    let gate = AdminAuthenticator(apiKey: authenticator, sessions: sessions)
    let adminHandlers = AdminHandlers(
        operations: admin, authenticator: gate, sessions: sessions,
        bodies: RequestBodyReader(maxBytes: configuration.maxBodyBytes))
    let handlers = GatewayHandlers(
        operations: operations, admin: adminHandlers, configuration: configuration, metrics: metrics, events: events)
    return register(GatewayRoute.table, handlers: handlers, gate: gate)
}

/// The router of the public API alone: the API key is the only credential and the
/// admin paths are unknown (404).
public func buildRouter(
    operations: any GatewayOperations,
    authenticator: any RequestAuthenticator,
    configuration: GatewayHTTPConfiguration = GatewayHTTPConfiguration(),
    metrics: GatewayMetrics = GatewayMetrics(),
    events: LockerEventFeed = LockerEventFeed()
) -> Router<GatewayRequestContext> {
    let gate = AdminAuthenticator(apiKey: authenticator, sessions: nil)
    let handlers = GatewayHandlers(
        operations: operations, admin: nil, configuration: configuration, metrics: metrics, events: events)
    return register(GatewayRoute.publicTable, handlers: handlers, gate: gate)
}

private func register(
    _ routes: [GatewayRoute], handlers: GatewayHandlers, gate: AdminAuthenticator
) -> Router<GatewayRequestContext> {
    let router = Router(context: GatewayRequestContext.self)
    // Outermost, so it sees the status the error middleware settles on.
    router.add(middleware: HTTPMetricsMiddleware(metrics: handlers.metrics, routes: routes))
    // Added before the routes so that it wraps them and the not-found responder alike.
    router.add(middleware: APIErrorMiddleware(routes: routes))
    for route in routes {
        router.on(RouterPath(route.path), method: route.method) { request, context -> Response in
            var context = context
            switch route.access {
            case .anonymous, .adminBasic:
                break
            case .authenticated where route.operation == .streamEvents:
                // EventSource cannot send headers: this route also reads the session token from its URL.
                context.caller = try await gate.eventStreamCaller(request, client: context.clientAddress)
            case .authenticated:
                context.caller = try await gate.publicCaller(request, client: context.clientAddress)
            case .admin:
                context.caller = try await gate.adminCaller(request, client: context.clientAddress)
            }
            return try await handlers.respond(to: route.operation, request: request, context: context)
        }
    }
    return router
}
