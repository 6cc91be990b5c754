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
    /// The table's templates by the text the router reports for them once it has
    /// dispatched a request (`RouterPath(template).description`).
    let templates: [String: String]

    init(metrics: GatewayMetrics, routes: [GatewayRoute]) {
        self.metrics = metrics
        templates = Dictionary(
            routes.map { (RouterPath($0.path).description, $0.path) }, uniquingKeysWith: { first, _ in first })
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let method = Self.methodLabel(request.method)
        do {
            let response = try await next(request, context)
            metrics.recordRequest(
                method: method, route: routeLabel(context), status: response.status.code,
                duration: started.duration(to: .now))
            return response
        } catch {
            // The error middleware inside answers every failure; this only counts what slips past it.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(
                method: method, route: routeLabel(context), status: status, duration: started.duration(to: .now))
            throw error
        }
    }

    /// The template the router dispatched the request to (it notes it in the
    /// context's shared endpoint box, so no matching is done again here), else
    /// `unmatched` (unknown paths and methods the path does not have).
    func routeLabel(_ context: Context) -> String {
        context.endpointPath.flatMap { templates[$0] } ?? Self.unmatched
    }

    /// The standard methods by name; any other method a client invents is `other`.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "other"
        }
    }
}
