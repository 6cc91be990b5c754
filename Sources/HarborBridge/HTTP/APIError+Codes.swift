import HarborDrivers
import Hummingbird

/// One constructor per documented code, so that messages and `details` keys stay
/// the same wherever an error is raised.
extension APIError {
    /// The challenge every 401 carries.
    public static let authenticationChallenge = #"Basic realm="Harbor Gateway""#

    /// 400 `BAD_REQUEST`: malformed in another way (query, headers, content type, body size).
    public static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, message: message)
    }

    /// 400 `INVALID_JSON`: the body is not JSON or not an object.
    public static func invalidJSON(_ message: String = "The request body is not valid JSON.") -> APIError {
        APIError(.invalidJSON, message: message)
    }

    /// 400 `VALIDATION_FAILED` for a body property; `field` is its JSON Pointer (`""` for the whole body).
    public static func validationFailed(_ message: String, field: String) -> APIError {
        APIError(.validationFailed, message: message, details: ["field": .string(field)])
    }

    /// 400 `VALIDATION_FAILED` for a query parameter, named in `details.parameter`.
    public static func invalidQueryParameter(_ name: String, _ message: String) -> APIError {
        APIError(.validationFailed, message: message, details: ["parameter": .string(name)])
    }

    /// 400 `DEVICE_NOT_FOUND`: the serial device or GPIO chip named does not exist.
    public static func deviceNotFound(_ device: String) -> APIError {
        APIError(.deviceNotFound, message: "Device \(device) does not exist.", details: ["device": .string(device)])
    }

    /// 401 `UNAUTHORIZED` with the Basic challenge.
    public static func unauthorized(_ message: String = "Authentication required.") -> APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = authenticationChallenge
        return APIError(.unauthorized, message: message, headers: headers)
    }

    /// 404 `NOT_FOUND`: no such path.
    public static func notFound(path: String) -> APIError {
        APIError(.notFound, message: "No resource at \(path).")
    }

    /// 404 `LOCKER_NOT_FOUND`.
    public static func lockerNotFound(_ lockerId: Int64) -> APIError {
        APIError(.lockerNotFound, message: "Locker \(lockerId) does not exist", details: ["lockerId": .integer(lockerId)])
    }

    /// 404 `TRANSACTION_NOT_FOUND`.
    public static func transactionNotFound(_ transactionId: String) -> APIError {
        APIError(.transactionNotFound, message: "Transaction \(transactionId) does not exist")
    }

    /// 404 `CONTROLLER_NOT_FOUND`.
    public static func controllerNotFound(_ controllerId: Int64) -> APIError {
        APIError(
            .controllerNotFound, message: "Controller \(controllerId) does not exist",
            details: ["controllerId": .integer(controllerId)])
    }

    /// 405 `METHOD_NOT_ALLOWED` with the `Allow` header listing what the path supports.
    public static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        var headers = HTTPFields()
        headers[.allow] = allow
        return APIError(.methodNotAllowed, message: "\(method.rawValue) is not allowed here; use \(allow).", headers: headers)
    }

    /// 409 `NO_LOCKER_AVAILABLE`.
    public static func noLockerAvailable() -> APIError {
        APIError(.noLockerAvailable, message: "No locker is free.")
    }

    /// 409 `LOCKER_NOT_AVAILABLE`: the locker asked for cannot be taken now.
    public static func lockerNotAvailable(_ lockerId: Int64) -> APIError {
        APIError(.lockerNotAvailable, message: "Locker \(lockerId) is not available.", details: ["lockerId": .integer(lockerId)])
    }

    /// 409 `LOCKER_OUT_OF_SERVICE`.
    public static func lockerOutOfService(_ lockerId: Int64, reasonCode: LockerReasonCode?) -> APIError {
        var details: [String: JSONValue] = ["lockerId": .integer(lockerId)]
        if let reasonCode { details["reasonCode"] = .string(reasonCode.rawValue) }
        return APIError(.lockerOutOfService, message: "Locker \(lockerId) is out of service.", details: details)
    }

    /// 409 `TRANSACTION_NOT_ACTIVE`.
    public static func transactionNotActive(_ transactionId: String) -> APIError {
        APIError(.transactionNotActive, message: "Transaction \(transactionId) is released.")
    }

    /// 409 `TRANSACTION_ALREADY_RELEASED`.
    public static func transactionAlreadyReleased(_ transactionId: String) -> APIError {
        APIError(.transactionAlreadyReleased, message: "Transaction \(transactionId) was already released.")
    }

    /// 409 `CONTROLLER_IN_USE`, listing the lockers that hold active transactions.
    public static func controllerInUse(_ controllerId: Int64, lockerIds: [Int64]) -> APIError {
        APIError(
            .controllerInUse, message: "Lockers of controller \(controllerId) hold active transactions.",
            details: ["controllerId": .integer(controllerId), "lockerIds": .array(lockerIds.map(JSONValue.integer))])
    }

    /// 409 `CONTROLLER_ADDRESS_TAKEN`.
    public static func controllerAddressTaken(_ message: String) -> APIError {
        APIError(.controllerAddressTaken, message: message)
    }

    /// 409 `LOCKER_OCCUPIED`, listing the lockers that hold active transactions.
    public static func lockerOccupied(_ lockerIds: [Int64]) -> APIError {
        APIError(
            .lockerOccupied, message: "Lockers \(lockerIds.map(String.init).joined(separator: ", ")) hold active transactions.",
            details: ["lockerIds": .array(lockerIds.map(JSONValue.integer))])
    }

    /// 429 `TOO_MANY_REQUESTS` with `Retry-After`.
    public static func tooManyRequests(retryAfterSeconds: Int) -> APIError {
        let seconds = max(1, retryAfterSeconds)
        var headers = HTTPFields()
        headers[.retryAfter] = String(seconds)
        return APIError(
            .tooManyRequests, message: "Too many failed attempts; retry in \(seconds) seconds.", headers: headers)
    }

    /// 500 `INTERNAL_ERROR`; says nothing about the cause.
    public static func internalError() -> APIError {
        APIError(.internalError, message: "An unexpected error occurred.")
    }

    /// 502 `HARDWARE_BAD_REPLY`: the outcome is unknown.
    public static func hardwareBadReply(lockerId: Int64, controllerId: Int64, doorState: DoorState) -> APIError {
        APIError(
            .hardwareBadReply, message: "Controller \(controllerId) sent an invalid reply for locker \(lockerId).",
            details: hardwareDetails(lockerId: lockerId, controllerId: controllerId, doorState: doorState))
    }

    /// 503 `CONTROLLER_UNREACHABLE`: nothing was sent, the lock did not fire.
    public static func controllerUnreachable(lockerId: Int64, controllerId: Int64) -> APIError {
        APIError(
            .controllerUnreachable, message: "Controller \(controllerId) cannot be reached.",
            details: ["lockerId": .integer(lockerId), "controllerId": .integer(controllerId)])
    }

    /// 503 `STORE_UNAVAILABLE`.
    public static func storeUnavailable() -> APIError {
        APIError(.storeUnavailable, message: "The data store is unavailable.")
    }

    /// 503 `SENTRY_NOT_CONFIGURED`.
    public static func sentryNotConfigured() -> APIError {
        APIError(.sentryNotConfigured, message: "Sentry is not configured.")
    }

    /// 503 `SENTRY_UNREACHABLE`.
    public static func sentryUnreachable() -> APIError {
        APIError(.sentryUnreachable, message: "Sentry did not accept the event.")
    }

    /// 504 `HARDWARE_TIMEOUT`: no reply, the outcome is unknown and the command is not re-sent.
    public static func hardwareTimeout(lockerId: Int64, controllerId: Int64, doorState: DoorState) -> APIError {
        APIError(
            .hardwareTimeout,
            message: "Controller \(controllerId) did not answer the unlock of locker \(lockerId); outcome unknown.",
            details: hardwareDetails(lockerId: lockerId, controllerId: controllerId, doorState: doorState))
    }

    private static func hardwareDetails(lockerId: Int64, controllerId: Int64, doorState: DoorState) -> [String: JSONValue] {
        [
            "lockerId": .integer(lockerId), "controllerId": .integer(controllerId),
            "outcome": .string(LockerOpenOutcome.unknown.rawValue), "doorState": .string(doorState.rawValue),
        ]
    }
}
