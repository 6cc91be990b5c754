import Hummingbird

/// Decides who calls, for the route wrapper: the API key (through the given
/// `RequestAuthenticator`), an admin session token or admin Basic credentials.
/// Basic credentials pass the session manager's throttle on every route, so that
/// no endpoint becomes an unthrottled password oracle. Failures are `APIError`s
/// (401 with the Basic challenge, 429 with `Retry-After`) that never echo a secret.
public struct AdminAuthenticator: Sendable {
    /// Checks the API key on public routes.
    public let apiKey: any RequestAuthenticator
    /// Sessions and the throttled admin password; nil serves the public API alone.
    public let sessions: SessionManager?

    /// An authenticator accepting the API key and, when `sessions` is given, admin credentials.
    public init(apiKey: any RequestAuthenticator, sessions: SessionManager?) {
        self.apiKey = apiKey
        self.sessions = sessions
    }

    /// For `.authenticated` routes: the API key, else a session, else Basic credentials.
    public func publicCaller(_ request: Request, client: String) async throws(APIError) -> Caller {
        if let caller = await apiKey.authenticate(request) { return caller }
        return try await adminCaller(request, client: client)
    }

    /// For `.admin` routes: a live session token, else valid Basic credentials.
    /// A wrong token alone is not throttled: tokens are 256-bit random values.
    public func adminCaller(_ request: Request, client: String) async throws(APIError) -> Caller {
        guard let sessions else { throw .unauthorized() }
        let headers = AdminCredentialHeaders(request)
        if let token = headers.sessionToken, let user = await sessions.authenticate(token: token) {
            return .admin(user: user)
        }
        guard let basic = headers.basic else { throw .unauthorized() }
        do {
            return .admin(user: try await sessions.verify(user: basic.user, password: basic.password, client: client))
        } catch {
            throw APIError(error)
        }
    }

    /// For `POST /auth/login`: Basic credentials only, exchanged for a new session.
    public func login(_ request: Request, client: String) async throws(APIError) -> AdminSession {
        guard let sessions, let basic = AdminCredentialHeaders(request).basic else { throw .unauthorized() }
        do {
            return try await sessions.login(user: basic.user, password: basic.password, client: client)
        } catch {
            throw APIError(error)
        }
    }
}

extension APIError {
    /// The answer to a refused authentication or password change.
    public init(_ failure: AuthFailure) {
        switch failure {
        case .invalidCredentials: self = .unauthorized("The credentials are not valid.")
        case let .throttled(seconds): self = .tooManyRequests(retryAfterSeconds: seconds)
        case .passwordLength: self = .validationFailed(failure.description, field: "/newPassword")
        case .storeUnavailable: self = .storeUnavailable()
        }
    }
}
