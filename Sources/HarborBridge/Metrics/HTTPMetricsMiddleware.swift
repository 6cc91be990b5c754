import Hummingbird

/// Counts and times every HTTP answer. The `route` label is the matched template
/// from the route table (`/lockers/{lockerId}`), never the raw path, and
/// `unmatched` for anything the table does not route, so a client cannot grow the
/// label set by requesting new paths.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    /// The label of requests no route of the table answers.
    static let unmatched = "unmatched"

    let metrics: GatewayMetrics
    let routes: [GatewayRoute]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let method = Self.methodLabel(request.method)
        let route = routeLabel(request)
        do {
            let response = try await next(request, context)
            metrics.recordRequest(
                method: method, route: route, status: response.status.code, duration: started.duration(to: .now))
            return response
        } catch {
            // The error middleware inside answers every failure; this only counts what slips past it.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(method: method, route: route, status: status, duration: started.duration(to: .now))
            throw error
        }
    }

    /// The route template for this method and path, else `unmatched` (unknown
    /// paths and methods the path does not have).
    func routeLabel(_ request: Request) -> String {
        if case let .route(route) = RouteResolution(method: request.method, path: request.uri.path, routes: routes) {
            return route.path
        }
        return Self.unmatched
    }

    /// The standard methods by name; any other method a client invents is `other`.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "other"
        }
    }
}
