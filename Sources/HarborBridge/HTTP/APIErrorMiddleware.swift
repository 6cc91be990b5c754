import Hummingbird
import Logging

/// Makes every failure an `Error` JSON answer: `APIError`s as they are, the
/// router's 404 split into 404 `NOT_FOUND` and 405 `METHOD_NOT_ALLOWED` by the
/// route table, other Hummingbird errors by status, and anything unexpected as
/// 500 `INTERNAL_ERROR` with nothing of its cause in the answer.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let routes: [GatewayRoute]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.errorResponse()
        } catch let error as any HTTPResponseError {
            return translate(status: error.status, request: request).errorResponse()
        } catch {
            context.logger.error(
                "Unexpected error answered as INTERNAL_ERROR",
                metadata: ["error.type": "\(String(reflecting: type(of: error)))", "error": "\(error)"])
            return APIError.internalError().errorResponse()
        }
    }

    /// Hummingbird's own errors carry only a status; the handlers never throw them,
    /// so a 404 means the router found no route for this method and path.
    func translate(status: HTTPResponse.Status, request: Request) -> APIError {
        switch status {
        case .notFound:
            switch RouteResolution(method: request.method, path: request.uri.path, routes: routes) {
            case let .methodNotAllowed(allowed): .methodNotAllowed(request.method, allowed: allowed)
            case .unknownPath, .route: .notFound(path: request.uri.path)
            }
        case .unauthorized: .unauthorized()
        case .contentTooLarge: .badRequest("The request body is too large.")
        case .tooManyRequests: .tooManyRequests(retryAfterSeconds: 1)
        default:
            status.kind == .clientError ? .badRequest("The request is malformed.") : .internalError()
        }
    }
}
