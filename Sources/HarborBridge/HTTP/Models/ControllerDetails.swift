import Foundation

/// Error counts of a controller since the gateway started (schema `ControllerErrorCounters`).
public struct ControllerErrorCounters: Codable, Sendable, Equatable {
    /// Commands the board did not answer.
    public var timeouts: Int64
    /// Replies that could not be understood.
    public var badReplies: Int64
    /// Transport failures (open, connect, write).
    public var transportFailures: Int64
    /// Unlock commands sent.
    public var opens: Int64

    /// Counters with every value given.
    public init(timeouts: Int64, badReplies: Int64, transportFailures: Int64, opens: Int64) {
        self.timeouts = timeouts
        self.badReplies = badReplies
        self.transportFailures = transportFailures
        self.opens = opens
    }
}

/// The last error of a controller (schema `ControllerLastError`).
public struct ControllerLastError: Codable, Sendable, Equatable {
    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String
    /// For people.
    public var message: String
    /// When it happened.
    public var at: Date

    /// A last error with every field given.
    public init(code: String, message: String, at: Date) {
        self.code = code
        self.message = message
        self.at = at
    }
}

/// A controller with its lockers and health (schema `ControllerDetails`: the
/// `Controller` fields and these, in one JSON object).
public struct ControllerDetails: Codable, Sendable, Equatable {
    /// The controller's own fields.
    public var controller: APIController
    /// Its lockers, ordered by channel.
    public var lockers: [Locker]
    /// Error counts since the gateway started.
    public var errorCounters: ControllerErrorCounters
    /// The last error, or null.
    public var lastError: ControllerLastError?
    /// Firmware version if the board reports one.
    public var firmware: String?
    /// Board model if known.
    public var model: String?
    /// The controller this one replaced, or null.
    public var replacedControllerId: Int64?

    /// Details with every field given.
    public init(
        controller: APIController, lockers: [Locker], errorCounters: ControllerErrorCounters,
        lastError: ControllerLastError?, firmware: String?, model: String?, replacedControllerId: Int64?
    ) {
        self.controller = controller
        self.lockers = lockers
        self.errorCounters = errorCounters
        self.lastError = lastError
        self.firmware = firmware
        self.model = model
        self.replacedControllerId = replacedControllerId
    }

    private enum CodingKeys: String, CodingKey {
        case lockers, errorCounters, lastError, firmware, model, replacedControllerId
    }

    /// Reads the controller's fields and the details from the same object.
    public init(from decoder: any Decoder) throws {
        controller = try APIController(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lockers = try container.decode([Locker].self, forKey: .lockers)
        errorCounters = try container.decode(ControllerErrorCounters.self, forKey: .errorCounters)
        lastError = try container.decodeIfPresent(ControllerLastError.self, forKey: .lastError)
        firmware = try container.decodeIfPresent(String.self, forKey: .firmware)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        replacedControllerId = try container.decodeIfPresent(Int64.self, forKey: .replacedControllerId)
    }

    /// Writes one flat object, with the nullable fields as `null`.
    public func encode(to encoder: any Encoder) throws {
        try controller.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lockers, forKey: .lockers)
        try container.encode(errorCounters, forKey: .errorCounters)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(firmware, forKey: .firmware)
        try container.encode(model, forKey: .model)
        try container.encode(replacedControllerId, forKey: .replacedControllerId)
    }
}
