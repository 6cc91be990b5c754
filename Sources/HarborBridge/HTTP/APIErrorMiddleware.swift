import Hummingbird
import Logging

/// Makes every failure an `Error` JSON answer: `APIError`s as they are, the
/// router's 404 split into 404 `NOT_FOUND` and 405 `METHOD_NOT_ALLOWED` by the
/// route table, other Hummingbird errors by status, and anything unexpected as
/// 500 `INTERNAL_ERROR` with nothing of its cause in the answer.
///
/// It is also the one place where every 5xx answer is logged at error level, so
/// each one reaches the operator's Sentry (through the log tap) exactly once.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let routes: [GatewayRoute]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return answer(error, to: request, context: context)
        } catch let error as any HTTPResponseError {
            return answer(translate(status: error.status, request: request), to: request, context: context)
        } catch {
            return answer(APIError.internalError(), to: request, context: context, cause: [
                "error.type": "\(String(reflecting: type(of: error)))", "error": "\(error)",
            ])
        }
    }

    /// The error's answer; a server-side failure is logged first at error level
    /// with its code, the request and the locker or controller it concerns. The
    /// Sentry codes are left out: an unreachable Sentry must not feed itself events.
    func answer(
        _ error: APIError, to request: Request, context: Context, cause: Logger.Metadata = [:]
    ) -> Response {
        if error.status.code >= 500, !error.code.rawValue.hasPrefix("SENTRY_") {
            var metadata = cause.merging([
                "code": "\(error.code.rawValue)", "status": "\(error.status.code)",
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
            ]) { _, new in new }
            if case let .string(locker)? = error.details?["lockerId"] { metadata["locker"] = "\(locker)" }
            if case let .string(controller)? = error.details?["controllerId"] { metadata["controller"] = "\(controller)" }
            context.logger.error("answered \(error.status.code) \(error.code.rawValue): \(error.message)", metadata: metadata)
        }
        return error.errorResponse()
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
