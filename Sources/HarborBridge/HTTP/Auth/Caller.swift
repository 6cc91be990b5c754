import Hummingbird

/// Who made an authenticated request.
public enum Caller: Sendable, Equatable {
    /// An operator, kiosk or cloud agent holding the gateway's API key.
    case apiKey
    /// An admin, by session token or HTTP Basic credentials.
    case admin(user: String)

    /// Admins may do what the public API refuses (e.g. open out-of-service lockers).
    public var isAdmin: Bool {
        if case .admin = self { return true }
        return false
    }
}

/// Turns a request's credentials into a caller; nil means none were valid.
public protocol RequestAuthenticator: Sendable {
    /// The caller the request's credentials name, or nil when they are missing or wrong.
    func authenticate(_ request: Request) async -> Caller?
}
