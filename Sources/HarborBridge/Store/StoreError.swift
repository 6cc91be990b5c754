import Foundation
import GRDB

/// Why a store operation was refused or could not run; `code` is the stable identifier clients switch on.
public enum StoreError: Error, Equatable, Sendable {
    /// The database could not be opened, read or written (disk full, corruption, I/O error).
    case unavailable(String)
    /// The task awaiting the store was cancelled before the change was committed.
    case cancelled
    /// No locker with this id exists (or it was removed).
    case lockerNotFound(Int64)
    /// No transaction with this id exists.
    case transactionNotFound(String)
    /// No live controller with this id exists (or it was retired).
    case controllerNotFound(Int64)
    /// Every locker is out of service, non-operational or holds an active transaction.
    case noLockerAvailable
    /// The requested locker is out of service, non-operational or already holds an active transaction.
    case lockerNotAvailable(Int64)
    /// The transaction was released before.
    case transactionAlreadyReleased(String)
    /// The controller still has lockers with active transactions.
    case controllerInUse(Int64)
    /// A locker that would be removed holds an active transaction.
    case lockerOccupied(Int64)
    /// The controller already has a live locker on this channel.
    case channelTaken(controllerId: Int64, channel: Int)
    /// Another live controller already carries this discovery serial.
    case serialTaken(String)
    /// A locker count outside `0...HarborStore.maximumLockersPerController`.
    case invalidLockerCount(Int)
    /// A negative limit or offset.
    case invalidPagination
    /// A log level that is not one of `LogRecord.levels`.
    case invalidLogLevel(String)
    /// A record field outside its documented values (kind, protocol, polarity, status).
    case invalidRecord(String)

    /// Stable SCREAMING_SNAKE_CASE code for the HTTP error body.
    public var code: String {
        switch self {
        case .unavailable: "STORE_UNAVAILABLE"
        case .cancelled: "STORE_CANCELLED"
        case .lockerNotFound: "LOCKER_NOT_FOUND"
        case .transactionNotFound: "TRANSACTION_NOT_FOUND"
        case .controllerNotFound: "CONTROLLER_NOT_FOUND"
        case .noLockerAvailable: "NO_LOCKER_AVAILABLE"
        case .lockerNotAvailable: "LOCKER_NOT_AVAILABLE"
        case .transactionAlreadyReleased: "TRANSACTION_ALREADY_RELEASED"
        case .controllerInUse: "CONTROLLER_IN_USE"
        case .lockerOccupied: "LOCKER_OCCUPIED"
        case .channelTaken: "CHANNEL_TAKEN"
        case .serialTaken: "CONTROLLER_SERIAL_TAKEN"
        case .invalidLockerCount: "INVALID_LOCKER_COUNT"
        case .invalidPagination: "INVALID_PAGINATION"
        case .invalidLogLevel: "INVALID_LOG_LEVEL"
        case .invalidRecord: "INVALID_RECORD"
        }
    }

    /// A sentence for people; never contains secrets.
    public var message: String {
        switch self {
        case .unavailable(let reason): "The store is unavailable: \(reason)"
        case .cancelled: "The store operation was cancelled before it was committed"
        case .lockerNotFound(let id): "Locker \(id) does not exist"
        case .transactionNotFound(let id): "Transaction \(id) does not exist"
        case .controllerNotFound(let id): "Controller \(id) does not exist"
        case .noLockerAvailable: "No locker is available"
        case .lockerNotAvailable(let id): "Locker \(id) is not available"
        case .transactionAlreadyReleased(let id): "Transaction \(id) was already released"
        case .controllerInUse(let id): "Controller \(id) has lockers with active transactions"
        case .lockerOccupied(let id): "Locker \(id) holds an active transaction"
        case .channelTaken(let controllerId, let channel):
            "Controller \(controllerId) already has a locker on channel \(channel)"
        case .serialTaken(let serial): "A controller with serial \(serial) already exists"
        case .invalidLockerCount(let count): "Locker count \(count) is out of range"
        case .invalidPagination: "Limit and offset must not be negative"
        case .invalidLogLevel(let level): "Unknown log level \(level)"
        case .invalidRecord(let reason): "Invalid record: \(reason)"
        }
    }

    /// Maps whatever GRDB or the closure threw to a typed store error.
    static func wrapping(_ error: any Error) -> StoreError {
        switch error {
        case let storeError as StoreError:
            return storeError
        case is CancellationError:
            return .cancelled
        case let databaseError as DatabaseError:
            if databaseError.resultCode == .SQLITE_CONSTRAINT {
                return .invalidRecord(databaseError.message ?? "constraint violation")
            }
            return .unavailable(databaseError.message ?? "SQLite error \(databaseError.resultCode.rawValue)")
        default:
            return .unavailable(String(describing: error))
        }
    }
}
