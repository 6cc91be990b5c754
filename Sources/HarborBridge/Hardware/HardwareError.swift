import HarborDrivers

/// Why the hardware runtime could not do what was asked. Each case has a stable
/// code that the HTTP API answers with, so clients can switch on it.
public enum HardwareError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No locker with this id is placed on any running controller.
    case lockerNotFound(Int64)
    /// No controller with this id is loaded.
    case controllerNotFound(Int64)
    /// The stored record cannot describe working hardware (wrong kind for the
    /// protocol, missing device, address out of range...).
    case invalidController(String)
    /// The locker's channel does not exist on its controller.
    case channelOutOfRange(channel: Int, channelCount: Int)
    /// The controller's device node is missing (adapter unplugged, wrong path).
    case deviceNotFound(String)
    /// The controller cannot be reached; `cause` is the lower layer's code
    /// (`CONNECTION_FAILED`, `DEVICE_VANISHED`, `GPIO_CHIP_NOT_FOUND`...).
    case unreachable(String, cause: String)
    /// No reply in time. For an unlock the lock may or may not have fired, and
    /// the runtime never retries it.
    case timeout(outcomeUnknown: Bool)
    /// The hardware answered with something that refuses the request or makes no sense.
    case badReply(String)

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .lockerNotFound: "LOCKER_NOT_FOUND"
        case .controllerNotFound: "CONTROLLER_NOT_FOUND"
        case .invalidController: "INVALID_CONTROLLER"
        case .channelOutOfRange: "CHANNEL_OUT_OF_RANGE"
        case .deviceNotFound: "DEVICE_NOT_FOUND"
        case .unreachable: "CONTROLLER_UNREACHABLE"
        case .timeout: "HARDWARE_TIMEOUT"
        case .badReply: "HARDWARE_BAD_REPLY"
        }
    }

    /// A sentence for people (logs, the API's `message`).
    public var description: String {
        switch self {
        case let .lockerNotFound(id): "Locker \(id) is not wired to any running controller"
        case let .controllerNotFound(id): "Controller \(id) is not loaded"
        case let .invalidController(why): "Invalid controller: \(why)"
        case let .channelOutOfRange(channel, count): "Channel \(channel) is outside 1...\(count)"
        case let .deviceNotFound(why): "Device not found: \(why)"
        case let .unreachable(why, cause): "Controller unreachable (\(cause)): \(why)"
        case .timeout(outcomeUnknown: true): "No reply to the unlock: the lock may or may not have fired"
        case .timeout(outcomeUnknown: false): "No reply from the controller in time"
        case let .badReply(why): "Bad reply from the controller: \(why)"
        }
    }

    /// Whether the failure says the controller itself cannot be talked to
    /// (as opposed to one request going wrong).
    public var meansOffline: Bool {
        switch self {
        case .deviceNotFound, .unreachable, .invalidController: true
        default: false
        }
    }

    /// What a controller's failure means to the runtime.
    public init(_ error: LockControllerError) {
        switch error {
        case let .channelOutOfRange(channel, count):
            self = .channelOutOfRange(channel: channel, channelCount: count)
        case .outcomeUnknown:
            self = .timeout(outcomeUnknown: true)
        case .noReply:
            self = .timeout(outcomeUnknown: false)
        case let .invalidReply(why):
            self = .badReply(why)
        case let .unreachable(why, code) where code == TransportError.deviceNotFound("").code:
            self = .deviceNotFound(why)
        case let .unreachable(why, code):
            self = .unreachable(why, cause: code)
        }
    }

    /// A GPIO chip or line that could not be used: the relay bank is unreachable.
    public init(_ error: GPIOError) {
        self = .unreachable(error.description, cause: error.code)
    }
}
