import HarborDrivers

/// What the runtime keeps about one loaded controller.
struct ControllerSlot: Sendable {
    /// The record it was loaded from.
    var record: ControllerRecord
    /// The checked record; nil when the record makes no sense.
    var blueprint: ControllerBlueprint?
    /// The running controller; nil while it cannot be built (its error is in `buildError`).
    var attached: AttachedController?
    /// Why it could not be built. Invalid records stay so; others are retried by polls.
    var buildError: HardwareError?
    /// Changes whenever the slot is rebuilt, so results of an older build are dropped.
    var generation: UInt64
    /// The live view reported to callers.
    var status: ControllerRuntimeStatus

    init(record: ControllerRecord, generation: UInt64) {
        self.record = record
        self.generation = generation
        status = ControllerRuntimeStatus(controllerId: record.id)
    }

    /// Whether a poll should try to build the controller again.
    var wantsRebuild: Bool {
        guard attached == nil, blueprint != nil else { return false }
        if case .invalidController = buildError { return false }
        return true
    }
}
