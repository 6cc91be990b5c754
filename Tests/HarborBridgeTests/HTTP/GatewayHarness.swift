import Foundation
import HarborBridge
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The router under test with recording fakes behind it (public and admin
/// operations) and real admin sessions on a temporary store, driven in-process
/// (`app.test(.router)`), plus the checks every answer gets.
struct GatewayHarness {
    static let apiKey = "hgk_test_5mV0q2kz7YtQ1c8rLw3u"

    let operations = RecordingOperations()
    let admin = RecordingAdminOperations()
    let clock = AuthTestClock()
    let limits = SessionLimitsBox()
    var authenticator: any RequestAuthenticator = APIKeyAuthenticator(apiKey: GatewayHarness.apiKey)
    var configuration = GatewayHTTPConfiguration()
    var throttle = LoginThrottle.Policy()
    var logger = Logger(label: "harness")

    /// Runs `body` against a fresh application.
    func run(_ body: @Sendable (GatewayClient) async throws -> Void) async throws {
        try await AuthFixture.with(clock: clock, limits: limits, policy: throttle, logger: logger) { auth in
            let router = buildRouter(
                operations: operations, authenticator: authenticator, admin: admin, sessions: auth.sessions,
                configuration: configuration)
            try await Application(router: router, logger: logger).test(.router) { client in
                try await body(GatewayClient(client: client, auth: auth))
            }
        }
    }
}

/// Sends requests with the API key unless told otherwise.
struct GatewayClient: Sendable {
    let client: any TestClientProtocol
    /// The admin side behind the router, when the harness built one.
    var auth: AuthFixture?

    func send(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, apiKey: String? = GatewayHarness.apiKey,
        session: String? = nil, basic: (user: String, password: String)? = nil, headers extra: [String: String] = [:]
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let apiKey, let name = HTTPFields.Element.Name("X-API-Key") { headers[name] = apiKey }
        if let session, let name = HTTPFields.Element.Name("X-Session-Token") { headers[name] = session }
        if let basic { headers[.authorization] = Self.basic(basic.user, basic.password) }
        if body != nil { headers[.contentType] = "application/json" }
        for (name, value) in extra {
            if let name = HTTPFields.Element.Name(name) { headers[name] = value }
        }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Sends as the admin with a session token and no API key.
    func admin(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, session: String
    ) async throws -> TestResponse {
        try await send(method, uri, body: body, apiKey: nil, session: session)
    }

    /// Logs in with the admin password and answers the session token.
    func login(password: String = AuthFixture.password) async throws -> String {
        let response = try await send(.post, "/auth/login", apiKey: nil, basic: ("admin", password))
        #expect(response.status == .ok, "\(response.text)")
        return try response.decode(LoginResponse.self).token
    }

    /// The `Authorization` value for HTTP Basic.
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}

extension TestResponse {
    var data: Data { Data(body.readableBytesView) }
    var text: String { String(decoding: data, as: UTF8.self) }

    /// The body decoded as an API model with the API's own decoder.
    func decode<Model: Decodable>(_ type: Model.Type) throws -> Model {
        try APICoding.makeDecoder().decode(Model.self, from: data)
    }

    /// The body as exact JSON values.
    func json() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }
}

/// Checks an answer against the document's schema for (method, path, status).
func expectConforms(
    _ response: TestResponse, _ method: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let spec = try OpenAPISpec.load()
    let status = Int(response.status.code)
    let schema = try #require(
        spec.responseSchema(method, path, status: status), "no schema for \(method) \(path) \(status)",
        sourceLocation: sourceLocation)
    let problems = SchemaConformance(spec: spec).violations(of: try response.json(), against: schema)
    #expect(problems.isEmpty, "\(method) \(path) \(status): \(problems)", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
}

/// Checks an error answer: status, code, JSON content type, `success: false`, and the `Error` schema.
@discardableResult
func expectError(
    _ response: TestResponse, _ status: HTTPResponse.Status, _ code: APIErrorCode,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> APIErrorBody {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    let body = try response.decode(APIErrorBody.self)
    #expect(body.success == false, sourceLocation: sourceLocation)
    #expect(body.code == code.rawValue, "\(body.message)", sourceLocation: sourceLocation)
    let spec = try OpenAPISpec.load()
    let schema = try #require(spec.schema(named: "Error"), sourceLocation: sourceLocation)
    let problems = SchemaConformance(spec: spec).violations(of: try response.json(), against: schema)
    #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
    return body
}

/// Lets every request in as one caller, for behaviour that depends on who calls.
struct FixedCallerAuthenticator: RequestAuthenticator {
    let caller: Caller

    func authenticate(_ request: Request) async -> Caller? { caller }
}
