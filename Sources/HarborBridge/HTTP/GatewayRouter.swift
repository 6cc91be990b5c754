import Hummingbird

/// The router of the public Harbor Gateway API: every row of `GatewayRoute.table`
/// registered with its handler, credentials checked on authenticated rows before
/// any input is read, and every failure answered as the `Error` JSON.
public func buildRouter(
    operations: any GatewayOperations,
    authenticator: any RequestAuthenticator,
    configuration: GatewayHTTPConfiguration = GatewayHTTPConfiguration()
) -> Router<GatewayRequestContext> {
    let router = Router(context: GatewayRequestContext.self)
    // Added before the routes so that it wraps them and the not-found responder alike.
    router.add(middleware: APIErrorMiddleware(routes: GatewayRoute.table))
    let handlers = GatewayHandlers(operations: operations, configuration: configuration)
    for route in GatewayRoute.table {
        router.on(RouterPath(route.path), method: route.method) { request, context -> Response in
            var context = context
            if route.access == .authenticated {
                guard let caller = await authenticator.authenticate(request) else {
                    throw APIError.unauthorized()
                }
                context.caller = caller
            }
            return try await handlers.respond(to: route.operation, request: request, context: context)
        }
    }
    return router
}
