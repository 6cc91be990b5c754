import HarborDrivers

/// Why the cabinet refused or failed a request. Stable codes reach HTTP clients.
public enum CabinetError: Error, Equatable, Sendable, CustomStringConvertible {
    case lockerNotFound(Int)
    case controllerNotFound(Int)
    case channelTaken(LockerPlacement, byLocker: Int)
    /// The controller failed; its error says whether the outcome is unknown.
    case hardware(lockerId: Int?, LockControllerError)

    public var code: String {
        switch self {
        case .lockerNotFound: "LOCKER_NOT_FOUND"
        case .controllerNotFound: "CONTROLLER_NOT_FOUND"
        case .channelTaken: "CHANNEL_TAKEN"
        case let .hardware(_, error): error.code
        }
    }

    public var description: String {
        switch self {
        case let .lockerNotFound(id): "Locker \(id) does not exist"
        case let .controllerNotFound(id): "Controller \(id) does not exist"
        case let .channelTaken(placement, other):
            "Channel \(placement.channel) of controller \(placement.controllerId) already holds locker \(other)"
        case let .hardware(lockerId?, error): "Locker \(lockerId): \(error.description)"
        case let .hardware(nil, error): error.description
        }
    }
}
