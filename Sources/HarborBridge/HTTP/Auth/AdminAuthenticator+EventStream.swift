import Foundation
import Hummingbird

extension AdminAuthenticator {
    /// The query parameter that may carry an admin session token on `GET /events`.
    public static let eventStreamTokenParameter = "token"

    /// For `GET /events`: an admin session token in the `token` query parameter,
    /// else what every public route accepts. A browser's `EventSource` cannot set
    /// headers, so this one route takes the token from its URL; the token is
    /// never logged, and a wrong one is no more throttled than in the header
    /// (tokens are 256-bit random values).
    public func eventStreamCaller(_ request: Request, client: String) async throws(APIError) -> Caller {
        if let sessions, let token = Self.eventStreamToken(request), let user = await sessions.authenticate(token: token) {
            return .admin(user: user)
        }
        return try await publicCaller(request, client: client)
    }

    /// The session token a stream request names: the query parameter given
    /// exactly once, else the `X-Session-Token` header.
    static func eventStreamToken(_ request: Request) -> String? {
        let values = request.uri.queryParameters[values: Substring(eventStreamTokenParameter)]
        if values.count == 1, let value = values.first, !value.isEmpty { return String(value) }
        return AdminCredentialHeaders(request).sessionToken
    }
}

extension SessionManager {
    /// Whether `token` names a session that has not ended, without counting the
    /// check as a use: an open event stream is no sign that someone is at the
    /// screen, so it must not keep an idle session alive.
    func isLive(token: String) async -> Bool {
        guard SessionToken.isWellFormed(token) else { return false }
        let hash = SessionToken.digest(token)
        guard let record = try? await store.session(tokenHash: hash) else { return false }
        let limits = limits()
        let remembered = state.withLock { $0.uses[hash]?.lastUsed }
        let lastUsed = max(record.lastUsedAt, remembered ?? record.lastUsedAt)
        let absoluteEnd = min(
            record.expiresAtAbsolute, record.createdAt.addingTimeInterval(Self.seconds(limits.absolute)))
        let current = now()
        return current < absoluteEnd && current < lastUsed.addingTimeInterval(Self.seconds(limits.idle))
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
