import Foundation
import Hummingbird

/// Reads a JSON request body strictly: a bounded size, a JSON content type, a
/// JSON object, then the body's schema, and only then the typed model.
struct RequestBodyReader: Sendable {
    let maxBytes: Int

    /// The validated body; an absent body reads as `{}` unless `required`.
    func read<Body: ValidatedRequestBody>(
        _ type: Body.Type, from request: Request, required: Bool
    ) async throws(APIError) -> Body {
        let data = try await collect(request)
        if data.isEmpty, required {
            throw .invalidJSON("A JSON object is required as the request body.")
        }
        if !data.isEmpty, let contentType = request.headers[.contentType], !Self.isJSON(contentType) {
            throw .badRequest("The request body must be application/json.")
        }
        let json = data.isEmpty ? Data("{}".utf8) : data
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: json)
        } catch {
            throw .invalidJSON()
        }
        guard case let .object(object) = value else {
            throw .invalidJSON("The request body must be a JSON object.")
        }
        try Body.schema.validate(object)
        try Body.checkRelations(object)
        do {
            return try APICoding.makeDecoder().decode(Body.self, from: json)
        } catch {
            // The schema mirrors the model, so this means the two drifted apart.
            throw .validationFailed("The request body does not match its schema.", field: "")
        }
    }

    private func collect(_ request: Request) async throws(APIError) -> Data {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw tooLarge
        }
        do {
            var request = request
            let buffer = try await request.collectBody(upTo: maxBytes)
            return Data(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw .badRequest("The request body could not be read.")
        }
    }

    private var tooLarge: APIError {
        .badRequest("The request body is larger than \(maxBytes) bytes.")
    }

    /// `application/json` or any `+json` type, with or without parameters.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
