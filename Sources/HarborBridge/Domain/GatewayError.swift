/// Why the gateway refused or failed an operation. `code` is the stable
/// SCREAMING_SNAKE_CASE identifier the HTTP API answers with; `message` is for people.
public struct GatewayError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// Structured context for clients (`lockerId`, `outcome`, `doorState`, `field`).
    public var details: [String: String]

    public init(_ code: String, _ message: String, details: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(code): \(message)" }

    static func lockerNotFound(_ id: Int64) -> GatewayError {
        GatewayError("LOCKER_NOT_FOUND", "Locker \(id) does not exist", details: ["lockerId": "\(id)"])
    }

    static func transactionNotFound(_ id: String) -> GatewayError {
        GatewayError("TRANSACTION_NOT_FOUND", "Transaction \(id) does not exist", details: ["transactionId": id])
    }

    static func validation(field: String, _ message: String) -> GatewayError {
        GatewayError("VALIDATION_FAILED", message, details: ["field": "/" + field])
    }

    /// A store failure as the API reports it (the store's codes are the API's).
    init(_ error: StoreError) {
        self.init(error.code, error.message)
    }

    /// A hardware failure, with the locker it concerns and, for a lost reply, the
    /// fact that nobody knows whether the lock fired.
    init(_ error: HardwareError, lockerId: Int64) {
        var details = ["lockerId": "\(lockerId)"]
        switch error {
        case .timeout(outcomeUnknown: true), .badReply:
            // A garbled reply to an unlock still means the board heard it: the
            // lock may have fired (the document's 502 says so).
            details["outcome"] = "unknown"
        case .timeout, .unreachable, .deviceNotFound, .invalidController, .channelOutOfRange:
            details["outcome"] = "failed"
        case .lockerNotFound, .controllerNotFound:
            details["outcome"] = "failed"
        }
        details["doorState"] = "unknown"
        let code = switch error {
        case .deviceNotFound, .invalidController, .controllerNotFound, .lockerNotFound: "CONTROLLER_UNREACHABLE"
        case .channelOutOfRange: "HARDWARE_BAD_REPLY"
        default: error.code
        }
        self.init(code, "Locker \(lockerId): \(error.description)", details: details)
    }
}
