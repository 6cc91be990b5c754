import Hummingbird

/// The stable codes of the document's `Error` schema, each with its HTTP status.
/// Clients switch on the raw value; a code's status never changes.
public enum APIErrorCode: String, Sendable, Equatable, CaseIterable, Codable {
    case badRequest = "BAD_REQUEST"
    case invalidJSON = "INVALID_JSON"
    case validationFailed = "VALIDATION_FAILED"
    case deviceNotFound = "DEVICE_NOT_FOUND"
    case unauthorized = "UNAUTHORIZED"
    case notFound = "NOT_FOUND"
    case lockerNotFound = "LOCKER_NOT_FOUND"
    case transactionNotFound = "TRANSACTION_NOT_FOUND"
    case controllerNotFound = "CONTROLLER_NOT_FOUND"
    case methodNotAllowed = "METHOD_NOT_ALLOWED"
    case noLockerAvailable = "NO_LOCKER_AVAILABLE"
    case lockerNotAvailable = "LOCKER_NOT_AVAILABLE"
    case lockerOutOfService = "LOCKER_OUT_OF_SERVICE"
    case transactionNotActive = "TRANSACTION_NOT_ACTIVE"
    case transactionAlreadyReleased = "TRANSACTION_ALREADY_RELEASED"
    case controllerInUse = "CONTROLLER_IN_USE"
    case controllerAddressTaken = "CONTROLLER_ADDRESS_TAKEN"
    case lockerOccupied = "LOCKER_OCCUPIED"
    case tooManyRequests = "TOO_MANY_REQUESTS"
    case internalError = "INTERNAL_ERROR"
    case hardwareBadReply = "HARDWARE_BAD_REPLY"
    case controllerUnreachable = "CONTROLLER_UNREACHABLE"
    case sentryNotConfigured = "SENTRY_NOT_CONFIGURED"
    case sentryUnreachable = "SENTRY_UNREACHABLE"
    case storeUnavailable = "STORE_UNAVAILABLE"
    case hardwareTimeout = "HARDWARE_TIMEOUT"

    /// The HTTP status every answer with this code carries.
    public var status: HTTPResponse.Status {
        switch self {
        case .badRequest, .invalidJSON, .validationFailed, .deviceNotFound: .badRequest
        case .unauthorized: .unauthorized
        case .notFound, .lockerNotFound, .transactionNotFound, .controllerNotFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .noLockerAvailable, .lockerNotAvailable, .lockerOutOfService, .transactionNotActive,
             .transactionAlreadyReleased, .controllerInUse, .controllerAddressTaken, .lockerOccupied:
            .conflict
        case .tooManyRequests: .tooManyRequests
        case .internalError: .internalServerError
        case .hardwareBadReply: .badGateway
        case .controllerUnreachable, .sentryNotConfigured, .sentryUnreachable, .storeUnavailable:
            .serviceUnavailable
        case .hardwareTimeout: .gatewayTimeout
        }
    }
}
