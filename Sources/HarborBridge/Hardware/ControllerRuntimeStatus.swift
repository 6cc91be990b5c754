import Foundation

/// The last failure the runtime saw on a controller.
public struct HardwareFault: Sendable, Equatable {
    /// Stable code (`HardwareError.code`).
    public var code: String
    /// A sentence for people.
    public var message: String
    /// When it happened.
    public var at: Date

    /// A fault as recorded.
    public init(code: String, message: String, at: Date) {
        self.code = code
        self.message = message
        self.at = at
    }
}

/// What happened on a controller since it was loaded.
public struct HardwareCounters: Sendable, Equatable {
    /// Unlocks the hardware answered.
    public var opens = 0
    /// Door polls the hardware answered.
    public var doorReads = 0
    /// Requests (unlocks and reads) that got no reply in time.
    public var timeouts = 0
    /// Replies that refused the request or made no sense.
    public var badReplies = 0
    /// Failures to reach the device (missing, vanished, refused, GPIO errors).
    public var transportFailures = 0

    /// All zero.
    public init() {}

    /// Counts one failure under its kind.
    mutating func count(_ error: HardwareError) {
        switch error {
        case .timeout: timeouts += 1
        case .badReply: badReplies += 1
        case .deviceNotFound, .unreachable: transportFailures += 1
        case .lockerNotFound, .controllerNotFound, .invalidController, .channelOutOfRange: break
        }
    }
}

/// The live view of one controller.
public struct ControllerRuntimeStatus: Sendable, Equatable {
    /// The controller's store id.
    public var controllerId: Int64
    /// Whether the controller answered the last time it was asked.
    public var online: Bool
    /// Whether it has been asked at all since it was loaded (false: `online` is
    /// not yet known and reads false).
    public var contacted: Bool
    /// Channels the running controller drives (0 when it could not be built).
    public var channelCount: Int
    /// Lockers placed on the controller.
    public var lockerCount: Int
    /// When the controller last answered.
    public var lastSeenAt: Date?
    /// The last failure, kept after the controller recovers.
    public var lastError: HardwareFault?
    /// Whether a failure happened after the last answer (a lost reply, a bad one):
    /// its lockers are then not offered until it answers again.
    public var faulted: Bool
    /// What happened since it was loaded.
    public var counters: HardwareCounters

    /// The status of a controller that was just loaded.
    public init(controllerId: Int64) {
        self.controllerId = controllerId
        online = false
        contacted = false
        channelCount = 0
        lockerCount = 0
        lastSeenAt = nil
        lastError = nil
        faulted = false
        counters = HardwareCounters()
    }

    /// Takes over what was learned about the same hardware before a rebuild.
    mutating func continueHistory(of previous: ControllerRuntimeStatus) {
        online = previous.online
        contacted = previous.contacted
        lastSeenAt = previous.lastSeenAt
        lastError = previous.lastError
        faulted = previous.faulted
        counters = previous.counters
    }
}
