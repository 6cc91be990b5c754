/// Why an admin authentication or password change was refused. `code` is the
/// stable identifier the HTTP layer answers with; no case carries a secret.
public enum AuthFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The user or password is wrong, or no credentials were given.
    case invalidCredentials
    /// Too many failed attempts from this client; try again after this many seconds.
    case throttled(retryAfterSeconds: Int)
    /// A new password outside the allowed length (in Unicode code points).
    case passwordLength(allowed: ClosedRange<Int>)
    /// The store could not be read or written.
    case storeUnavailable

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .invalidCredentials: "UNAUTHORIZED"
        case .throttled: "TOO_MANY_REQUESTS"
        case .passwordLength: "VALIDATION_FAILED"
        case .storeUnavailable: "STORE_UNAVAILABLE"
        }
    }

    /// A sentence for people.
    public var description: String {
        switch self {
        case .invalidCredentials: "The credentials are not valid."
        case let .throttled(seconds): "Too many failed attempts; retry in \(seconds) seconds."
        case let .passwordLength(allowed):
            "The new password must have \(allowed.lowerBound) to \(allowed.upperBound) characters."
        case .storeUnavailable: "The data store is unavailable."
        }
    }
}

/// Why the admin credentials could not be set up at start.
public enum AdminBootstrapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The store could not be read or written.
    case store(StoreError)
    /// The generated password file could not be read or created.
    case passwordFile(ConfigurationError)

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .store: "STORE_UNAVAILABLE"
        case .passwordFile: "ADMIN_PASSWORD_FILE_UNUSABLE"
        }
    }

    /// A sentence for people; names paths, never a secret.
    public var description: String {
        switch self {
        case let .store(error): "cannot set up the admin credentials: \(error.message)"
        case let .passwordFile(error): "cannot set up the admin password: \(error)"
        }
    }
}
