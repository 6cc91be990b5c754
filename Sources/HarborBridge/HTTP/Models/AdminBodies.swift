import Foundation

/// The body of `PATCH /lockers/{lockerId}` (schema `UpdateLockerServiceStateRequest`).
/// A `null` reason field reads like an absent one.
public struct UpdateLockerServiceStateRequest: Codable, Sendable, Equatable {
    /// True takes the locker out of service, false returns it.
    public var outOfService: Bool
    /// Why; absent while going out of service means `MANUAL_DISABLE`.
    public var reasonCode: LockerReasonCode?
    /// Free text for people, at most 500 characters.
    public var reason: String?

    /// A service state change.
    public init(outOfService: Bool, reasonCode: LockerReasonCode? = nil, reason: String? = nil) {
        self.outOfService = outOfService
        self.reasonCode = reasonCode
        self.reason = reason
    }
}

/// The answer of `POST /diagnostics/sentry-test` (schema `SentryTestResponse`).
public struct SentryTestResponse: Codable, Sendable, Equatable {
    /// Always true.
    public var success: Bool
    /// Id of the event sent, 32 lowercase hex digits.
    public var eventId: String

    /// A successful test with the event's id.
    public init(eventId: String) {
        self.success = true
        self.eventId = eventId
    }
}

/// The answer of `POST /auth/login` (schema `LoginResponse`).
public struct LoginResponse: Codable, Sendable, Equatable {
    /// Send as `X-Session-Token`.
    public var token: String
    /// The session's absolute end.
    public var expiresAt: Date

    /// A new session's token and end.
    public init(token: String, expiresAt: Date) {
        self.token = token
        self.expiresAt = expiresAt
    }
}

/// The body of `POST /auth/password` (schema `ChangePasswordRequest`).
public struct ChangePasswordRequest: Codable, Sendable, Equatable {
    /// The password in use.
    public var currentPassword: String
    /// The new password, 12 to 128 characters.
    public var newPassword: String

    /// A password change.
    public init(currentPassword: String, newPassword: String) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }
}

extension LoginResponse: CustomStringConvertible, CustomDebugStringConvertible {
    /// Leaves the token out, so that printing the answer never leaks it.
    public var description: String { "LoginResponse(token: <redacted>, expiresAt: \(RFC3339.format(expiresAt)))" }
    /// Same as `description`.
    public var debugDescription: String { description }
}

extension ChangePasswordRequest: CustomStringConvertible, CustomDebugStringConvertible {
    /// Leaves both passwords out.
    public var description: String { "ChangePasswordRequest(<redacted>)" }
    /// Same as `description`.
    public var debugDescription: String { description }
}
