import HarborDrivers

/// What became of one unlock command (schema `LockerOpenOutcome`).
public enum LockerOpenOutcome: String, Codable, Sendable, Equatable, CaseIterable {
    /// The board acknowledged the pulse.
    case opened
    /// No (or no understandable) reply: the lock may have fired.
    case unknown
    /// The command could not be sent or the board refused it.
    case failed
}

/// The answer of opening one locker (schema `LockerOperationResponse`).
public struct LockerOperationResponse: Codable, Sendable, Equatable {
    /// True when the board acknowledged the pulse.
    public var success: Bool
    /// The locker this result is for.
    public var lockerId: Int64
    /// Door state read after the pulse.
    public var doorState: DoorState
    /// What became of the unlock command.
    public var outcome: LockerOpenOutcome
    /// A note for people; left out of the JSON when nil.
    public var message: String?
    /// An Error code when `success` is false.
    public var errorCode: String?

    /// An open result; optional fields are left out of the JSON when nil.
    public init(
        success: Bool, lockerId: Int64, doorState: DoorState, outcome: LockerOpenOutcome,
        message: String? = nil, errorCode: String? = nil
    ) {
        self.success = success
        self.lockerId = lockerId
        self.doorState = doorState
        self.outcome = outcome
        self.message = message
        self.errorCode = errorCode
    }
}

/// The body of `POST /lockers/open-all` (schema `OpenAllRequest`); no body means `{}`.
public struct OpenAllRequest: Codable, Sendable, Equatable {
    /// Also open out-of-service lockers (admins only).
    public var includeOutOfService: Bool

    /// A request, by default for in-service lockers only.
    public init(includeOutOfService: Bool = false) {
        self.includeOutOfService = includeOutOfService
    }

    private enum CodingKeys: String, CodingKey {
        case includeOutOfService
    }

    /// Reads the document's default (`false`) for an absent property.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        includeOutOfService = try container.decodeIfPresent(Bool.self, forKey: .includeOutOfService) ?? false
    }
}

/// One locker's result in an open-all run (schema `LockerOpenResult`).
public struct LockerOpenResult: Codable, Sendable, Equatable {
    /// `LockerOpenOutcome` plus `skipped` for an out-of-service locker that was not attempted.
    public enum Outcome: String, Codable, Sendable, Equatable, CaseIterable {
        case opened
        case unknown
        case failed
        case skipped
    }

    /// The locker this result is for.
    public var lockerId: Int64
    /// True when `outcome` is `opened` or `skipped`.
    public var success: Bool
    /// What became of the unlock command.
    public var outcome: Outcome
    /// Door state read after the attempt.
    public var doorState: DoorState
    /// `HARDWARE_TIMEOUT`, `HARDWARE_BAD_REPLY`, `CONTROLLER_UNREACHABLE` or `LOCKER_OUT_OF_SERVICE`.
    public var errorCode: String?
    /// A note for people; left out of the JSON when nil.
    public var message: String?

    /// A result; `success` follows from the outcome.
    public init(
        lockerId: Int64, outcome: Outcome, doorState: DoorState, errorCode: String? = nil, message: String? = nil
    ) {
        self.lockerId = lockerId
        self.success = outcome == .opened || outcome == .skipped
        self.outcome = outcome
        self.doorState = doorState
        self.errorCode = errorCode
        self.message = message
    }
}

/// What the domain reports of an open-all run; the HTTP layer counts and picks 200 or 207.
public struct OpenAllRun: Sendable, Equatable {
    /// One result per locker, ordered by locker id.
    public var results: [LockerOpenResult]
    /// Wall-clock duration of the whole run.
    public var durationMs: Int

    /// A finished run.
    public init(results: [LockerOpenResult], durationMs: Int) {
        self.results = results
        self.durationMs = durationMs
    }

    /// Results with outcome `opened`.
    public var opened: Int { results.count { $0.outcome == .opened } }
    /// Results with outcome `failed` or `unknown`.
    public var failed: Int { results.count { $0.outcome == .failed || $0.outcome == .unknown } }
    /// Results with outcome `skipped`.
    public var skipped: Int { results.count { $0.outcome == .skipped } }
}

/// Every attempted locker opened (schema `OpenAllLockersResponse`, HTTP 200).
public struct OpenAllLockersResponse: Codable, Sendable, Equatable {
    /// Always true.
    public var success: Bool
    /// One result per locker, ordered by locker id.
    public var results: [LockerOpenResult]
    /// Results with outcome `opened`.
    public var opened: Int
    /// Always 0.
    public var failed: Int
    /// Results with outcome `skipped`.
    public var skipped: Int
    /// Wall-clock duration of the whole run.
    public var durationMs: Int

    /// The answer for a run without failures.
    public init(run: OpenAllRun) {
        success = true
        results = run.results
        opened = run.opened
        failed = run.failed
        skipped = run.skipped
        durationMs = run.durationMs
    }
}

/// Some attempted locker failed or has an unknown outcome (schema `MultiStatusOperationResponse`, HTTP 207).
public struct MultiStatusOperationResponse: Codable, Sendable, Equatable {
    /// Always false.
    public var success: Bool
    /// One result per locker, ordered by locker id.
    public var results: [LockerOpenResult]
    /// Results with outcome `opened`.
    public var opened: Int
    /// At least 1.
    public var failed: Int
    /// Results with outcome `skipped`.
    public var skipped: Int
    /// Wall-clock duration of the whole run.
    public var durationMs: Int

    /// The answer for a run with failures.
    public init(run: OpenAllRun) {
        success = false
        results = run.results
        opened = run.opened
        failed = run.failed
        skipped = run.skipped
        durationMs = run.durationMs
    }
}
