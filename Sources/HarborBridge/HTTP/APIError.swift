import Foundation
import Hummingbird

/// The body of every non-2xx answer (schema `Error`).
public struct APIErrorBody: Codable, Sendable, Equatable {
    /// Always false.
    public var success: Bool
    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String
    /// For people; may change between versions.
    public var message: String
    /// Structured context such as `field` (a JSON Pointer) or `lockerId`; left out when nil.
    public var details: [String: JSONValue]?

    /// An error body; `success` is always false.
    public init(code: String, message: String, details: [String: JSONValue]? = nil) {
        self.success = false
        self.code = code
        self.message = message
        self.details = details
    }
}

/// A failed request as the API answers it: a status, a stable code, a message for
/// people, optional details and extra headers (`WWW-Authenticate`, `Allow`,
/// `Retry-After`). The domain throws it through `GatewayOperations`; the HTTP layer
/// turns every other failure into one as well.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    /// The HTTP status, fixed by the code.
    public var status: HTTPResponse.Status { code.status }
    /// The stable code; it fixes `status`.
    public var code: APIErrorCode
    /// For people; never internals.
    public var message: String
    /// Structured context such as `field` or `lockerId`.
    public var details: [String: JSONValue]?
    /// Headers sent with the error answer.
    public var headers: HTTPFields

    /// An error with a documented code.
    public init(
        _ code: APIErrorCode, message: String, details: [String: JSONValue]? = nil, headers: HTTPFields = [:]
    ) {
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// The JSON body of the answer.
    public var body: APIErrorBody {
        APIErrorBody(code: code.rawValue, message: message, details: details)
    }

    /// The answer: the `Error` JSON with the status and the extra headers.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        errorResponse()
    }

    /// The answer, built without a request (the error middleware and the router share it).
    public func errorResponse() -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Only a non-finite number in `details` can fail to encode; the answer then
        // goes out without its details rather than without a body.
        let encoder = APICoding.makeEncoder()
        var withoutDetails = body
        withoutDetails.details = nil
        let data = (try? encoder.encode(body)) ?? (try? encoder.encode(withoutDetails)) ?? Data()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
