import HarborDrivers

/// One locker of an open-all run.
public struct OpenAllTarget: Sendable, Equatable {
    /// The locker to open.
    public var lockerId: Int64
    /// Why the locker is left shut (such as `OUT_OF_SERVICE`); nil fires it.
    public var skippedBecause: String?

    /// A locker to fire, or to skip with a reason code.
    public init(lockerId: Int64, skippedBecause: String? = nil) {
        self.lockerId = lockerId
        self.skippedBecause = skippedBecause
    }
}

/// What became of one locker in an open-all run.
public enum OpenAllOutcome: Sendable, Equatable {
    /// The hardware answered the unlock; the door state it reported.
    case opened(DoorState)
    /// The unlock went out but its answer was lost: the lock may or may not have fired.
    case outcomeUnknown
    /// The unlock failed (controller unreachable, bad reply, locker not wired...).
    case failed(HardwareError)
    /// The caller asked to leave the locker shut, with this reason code.
    case skipped(String)
    /// The run was cancelled before this locker's turn; its lock was never fired.
    case notStarted
}

/// One locker's own result, as open-all reports it.
public struct OpenAllResult: Sendable, Equatable {
    /// The locker.
    public var lockerId: Int64
    /// What became of it.
    public var outcome: OpenAllOutcome

    /// A result as recorded.
    public init(lockerId: Int64, outcome: OpenAllOutcome) {
        self.lockerId = lockerId
        self.outcome = outcome
    }

    /// Whether the lock is known to have fired.
    public var success: Bool {
        if case .opened = outcome { return true }
        return false
    }

    /// The error code of a locker that did not open (nil when it did).
    public var code: String? {
        switch outcome {
        case .opened: nil
        case .outcomeUnknown: HardwareError.timeout(outcomeUnknown: true).code
        case let .failed(error): error.code
        case let .skipped(reason): reason
        case .notStarted: "CANCELLED"
        }
    }
}

/// Fires many locks without overloading the cabinet's lock supply: at most
/// `concurrency` unlocks in flight, and at least `spacing` between the starts of
/// two unlocks (a solenoid draws its inrush current in the first moments).
/// One locker's failure never stops the others.
public struct OpenAllPacer: Sendable {
    /// Unlocks in flight at most (at least 1).
    public let concurrency: Int
    /// Least time between two consecutive starts.
    public let spacing: Duration

    /// A pacer; a concurrency below 1 is taken as 1 and a negative spacing as none.
    public init(concurrency: Int, spacing: Duration) {
        self.concurrency = max(1, concurrency)
        self.spacing = max(.zero, spacing)
    }

    /// Opens `targets` through `runtime`; see `run(_:open:)`.
    public func run(_ targets: [OpenAllTarget], on runtime: HardwareRuntime) async -> [OpenAllResult] {
        await run(targets) { lockerId throws(HardwareError) in try await runtime.open(lockerId: lockerId) }
    }

    /// Fires every target not marked skipped, in order, paced; returns every
    /// target's own result in the order given. Cancelling the caller stops new
    /// unlocks from starting (those report `notStarted`); started ones finish.
    public func run(
        _ targets: [OpenAllTarget],
        open: @escaping @Sendable (Int64) async throws(HardwareError) -> OpenOutcome
    ) async -> [OpenAllResult] {
        var outcomes: [OpenAllOutcome?] = targets.map { target in target.skippedBecause.map { .skipped($0) } }
        let clock = ContinuousClock()
        await withTaskGroup(of: (Int, OpenAllOutcome).self) { group in
            var inFlight = 0
            var lastStart: ContinuousClock.Instant?
            for (index, target) in targets.enumerated() where target.skippedBecause == nil {
                while inFlight >= concurrency, let (finished, outcome) = await group.next() {
                    outcomes[finished] = outcome
                    inFlight -= 1
                }
                if let lastStart {
                    try? await clock.sleep(until: lastStart + spacing)
                }
                // A cancelled sleep returns early: never start a lock unpaced.
                if Task.isCancelled { break }
                lastStart = clock.now
                inFlight += 1
                let lockerId = target.lockerId
                group.addTask { (index, await Self.fire(lockerId, open: open)) }
            }
            for await (finished, outcome) in group {
                outcomes[finished] = outcome
            }
        }
        return zip(targets, outcomes).map { target, outcome in
            OpenAllResult(lockerId: target.lockerId, outcome: outcome ?? .notStarted)
        }
    }

    private static func fire(
        _ lockerId: Int64, open: @Sendable (Int64) async throws(HardwareError) -> OpenOutcome
    ) async -> OpenAllOutcome {
        do {
            return .opened(try await open(lockerId).doorState)
        } catch .timeout(outcomeUnknown: true) {
            return .outcomeUnknown
        } catch {
            return .failed(error)
        }
    }
}
