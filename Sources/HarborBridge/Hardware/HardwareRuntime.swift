import Foundation
import HarborDrivers
import Synchronization

/// The gateway's running lock hardware: the controllers built from the stored
/// records, which locker sits on which channel, and what is known right now
/// about every controller and door.
///
/// Calls into a controller leave the actor while the hardware works (actor
/// reentrancy), so a slow or silent controller never holds up requests to the
/// others; requests on one RS485 line are serialised by that line's bus alone.
/// Answers are applied in the order they arrive: the last one heard is the
/// freshest. Reconfigurations (`load`, `add`, `remove`, `replace`,
/// `updatePlacements`) take turns with each other.
public actor HardwareRuntime {
    var factory: ControllerFactory
    let now: @Sendable () -> Date
    let events: HardwareEventSink
    /// Changed only through `updateSlot`, `putSlot` and `removeSlot`, which move the
    /// live-state generation when what `isOperational` reads changes. (A `didSet`
    /// comparing old and new would copy every slot on each counter update of an open.)
    private(set) var slots: [Int64: ControllerSlot] = [:]
    var placements: [Int64: HardwarePlacement] = [:] { didSet { bumpLiveState() } }
    /// Changed only through `setDoor` and `forgetDoors`, which move the generation
    /// when a state really changes (a poll that reads the same doors changes nothing).
    private(set) var doors: [Int64: DoorState] = [:]
    /// Changes whenever what the lockers' live view is computed from changes: door
    /// states, placements, and each controller's online, faulted and channel count
    /// (not its counters or last-seen time, which every poll updates). Read without
    /// entering the actor, so `GET /lockers` tells in a few nanoseconds whether the
    /// list it encoded last is still true; a poll that changes nothing keeps it.
    public nonisolated let liveStateGeneration = Atomic<UInt64>(0)
    /// The last door state read that was not `unknown`, for change reports.
    var lastKnownDoors: [Int64: DoorState] = [:]
    /// Where opens and controller round trips are counted (`record(into:)`); nil counts nothing.
    var metrics: GatewayMetrics?
    private var lastGeneration: UInt64 = 0
    private var reconfiguring = false
    private var waitingToReconfigure: [CheckedContinuation<Void, Never>] = []

    /// A runtime building controllers with `factory`, telling `events` what it learns.
    public init(
        factory: ControllerFactory = ControllerFactory(),
        now: @escaping @Sendable () -> Date = { Date() },
        events: @escaping HardwareEventSink = { _ in }
    ) {
        self.factory = factory
        self.now = now
        self.events = events
    }

    /// Replaces everything running with `controllers` (retired ones are skipped)
    /// and the placements of the live `lockers`. Controllers that cannot be built
    /// are kept offline with their error.
    public func load(controllers: [ControllerRecord], lockers: [LockerRecord]) async {
        await takeTurnToReconfigure()
        defer { passTurnToReconfigure() }
        for id in Array(slots.keys) { await detach(id) }
        forgetDoors()
        lastKnownDoors = [:]
        setPlacements(lockers)
        for record in controllers where record.retiredAt == nil {
            await attach(record)
        }
    }

    /// Starts one more controller with its lockers (a controller with this id
    /// already running is replaced). Returns its status: an invalid record or a
    /// missing GPIO chip shows as offline with the error.
    @discardableResult
    public func add(controller record: ControllerRecord, lockers: [LockerRecord]) async -> ControllerRuntimeStatus {
        await takeTurnToReconfigure()
        defer { passTurnToReconfigure() }
        if slots[record.id] != nil { await detach(record.id) }
        place(lockers, on: record.id)
        await attach(record)
        return slots[record.id]?.status ?? ControllerRuntimeStatus(controllerId: record.id)
    }

    /// Stops a controller and forgets its lockers' placements.
    public func remove(controllerId: Int64) async {
        await takeTurnToReconfigure()
        defer { passTurnToReconfigure() }
        await detach(controllerId)
        for lockerId in lockerIds(on: controllerId) { forgetLocker(lockerId) }
    }

    /// Swaps a failed controller for `record`: the old one stops first (so its
    /// GPIO lines or serial device are free), then the new one starts with
    /// `lockers`, which now name it.
    @discardableResult
    public func replace(
        controllerId: Int64, with record: ControllerRecord, lockers: [LockerRecord]
    ) async -> ControllerRuntimeStatus {
        await takeTurnToReconfigure()
        defer { passTurnToReconfigure() }
        await detach(controllerId)
        if record.id != controllerId { await detach(record.id) }
        for lockerId in lockerIds(on: controllerId) { forgetLocker(lockerId) }
        place(lockers, on: record.id)
        await attach(record)
        return slots[record.id]?.status ?? ControllerRuntimeStatus(controllerId: record.id)
    }

    /// Takes the placements of the live `lockers` as the whole truth, and
    /// rebuilds any controller whose channel count changed with them.
    public func updatePlacements(lockers: [LockerRecord]) async {
        await takeTurnToReconfigure()
        defer { passTurnToReconfigure() }
        let before = Set(placements.keys)
        setPlacements(lockers)
        for lockerId in before.subtracting(placements.keys) { forgetLocker(lockerId) }
        await rebuildWhereBlueprintsChanged()
    }

    /// Makes `pulse` the pulse of every controller whose record sets none, and
    /// rebuilds those it changes (GPIO relays, Modbus relay boards) at once.
    public func setDefaultPulse(_ pulse: Duration) async {
        await takeTurnToReconfigure()
        defer { passTurnToReconfigure() }
        factory.timeouts.defaultPulse = pulse
        await rebuildWhereBlueprintsChanged()
    }

    /// Rebuilds every controller whose record now checks out to other hardware
    /// settings (channel count, default pulse); the others stay as they are.
    private func rebuildWhereBlueprintsChanged() async {
        for id in Array(slots.keys) {
            guard let slot = slots[id],
                  let blueprint = try? ControllerBlueprint(
                    record: slot.record, channelCount: channelSpan(of: id), timeouts: factory.timeouts),
                  blueprint != slot.blueprint
            else {
                refreshLockerCount(of: id)
                continue
            }
            await detach(id)
            await attach(slot.record)
            // Same hardware with other settings: what was learned about it still holds.
            updateSlot(id) { if $0.attached != nil { $0.status.continueHistory(of: slot.status) } }
        }
    }

    /// Stops every controller and closes every bus (service shutdown).
    public func shutdown() async {
        await takeTurnToReconfigure()
        defer { passTurnToReconfigure() }
        for id in Array(slots.keys) { await detach(id) }
        await factory.buses.closeAll()
    }

    // MARK: - Building and letting go

    /// Builds `record`'s controller into a fresh slot; a failure leaves the slot
    /// offline with the error (retried by polls unless the record is invalid).
    private func attach(_ record: ControllerRecord) async {
        lastGeneration += 1
        putSlot(ControllerSlot(record: record, generation: lastGeneration), id: record.id)
        refreshLockerCount(of: record.id)
        do {
            let blueprint = try ControllerBlueprint(
                record: record, channelCount: channelSpan(of: record.id), timeouts: factory.timeouts)
            updateSlot(record.id) { $0.blueprint = blueprint }
            let attached = try await factory.make(blueprint)
            updateSlot(record.id) { slot in
                slot.attached = attached
                slot.status.channelCount = attached.controller.channelCount
            }
        } catch {
            updateSlot(record.id) { $0.buildError = error }
            noteFailure(error, controllerId: record.id, generation: lastGeneration, goesOffline: true)
        }
    }

    /// Removes a slot and lets go of what its controller held.
    private func detach(_ id: Int64) async {
        guard let slot = removeSlot(id) else { return }
        guard let attached = slot.attached else { return }
        await factory.release(attached, busShared: sharesBus(attached))
    }

    /// Whether another running controller uses the same bus as `attached`.
    func sharesBus(_ attached: AttachedController) -> Bool {
        guard let key = attached.endpoint?.busKey else { return false }
        return slots.values.contains { $0.attached?.endpoint?.busKey == key }
    }

    // MARK: - Placements

    private func setPlacements(_ lockers: [LockerRecord]) {
        placements = [:]
        for locker in lockers where locker.removedAt == nil {
            placements[locker.id] = HardwarePlacement(controllerId: locker.controllerId, channel: locker.channel)
        }
        for id in slots.keys { refreshLockerCount(of: id) }
    }

    /// Places the live `lockers` on controller `id` and drops its placements they no longer name.
    private func place(_ lockers: [LockerRecord], on id: Int64) {
        let live = lockers.filter { $0.removedAt == nil && $0.controllerId == id }
        for lockerId in Set(lockerIds(on: id)).subtracting(live.map(\.id)) { forgetLocker(lockerId) }
        for locker in live {
            placements[locker.id] = HardwarePlacement(controllerId: id, channel: locker.channel)
        }
        refreshLockerCount(of: id)
    }

    func forgetLocker(_ lockerId: Int64) {
        let controllerId = placements.removeValue(forKey: lockerId)?.controllerId
        forgetDoors(of: lockerId)
        lastKnownDoors[lockerId] = nil
        if let controllerId { refreshLockerCount(of: controllerId) }
    }

    func lockerIds(on controllerId: Int64) -> [Int64] {
        placements.filter { $0.value.controllerId == controllerId }.map(\.key).sorted()
    }

    /// The highest channel a controller's lockers use: the channel count its
    /// board is built with (installers may leave channels unused).
    private func channelSpan(of controllerId: Int64) -> Int {
        placements.values.filter { $0.controllerId == controllerId }.map(\.channel).max() ?? 0
    }

    private func refreshLockerCount(of id: Int64) {
        let count = placements.values.count { $0.controllerId == id }
        updateSlot(id) { $0.status.lockerCount = count }
    }

    // MARK: - Ordering

    /// Waits, first come first served, until no other reconfiguration runs.
    private func takeTurnToReconfigure() async {
        guard reconfiguring else {
            reconfiguring = true
            return
        }
        await withCheckedContinuation { waitingToReconfigure.append($0) }
    }

    /// Hands the turn straight to the longest waiter.
    private func passTurnToReconfigure() {
        if waitingToReconfigure.isEmpty {
            reconfiguring = false
        } else {
            waitingToReconfigure.removeFirst().resume()
        }
    }
}

extension HardwareRuntime {
    /// Changes one slot in place; the generation moves when its operational view
    /// changed. Nil (and nothing run) when no such slot is loaded.
    @discardableResult
    func updateSlot<T>(_ id: Int64, _ change: (inout ControllerSlot) -> T) -> T? {
        guard let index = slots.index(forKey: id) else { return nil }
        let before = OperationalView(slots.values[index])
        let result = change(&slots.values[index])
        if OperationalView(slots.values[index]) != before { bumpLiveState() }
        return result
    }

    /// Puts a slot in (replacing any with that id).
    func putSlot(_ slot: ControllerSlot, id: Int64) {
        let before = slots.updateValue(slot, forKey: id).map(OperationalView.init)
        if before != OperationalView(slot) { bumpLiveState() }
    }

    /// Takes a slot out.
    func removeSlot(_ id: Int64) -> ControllerSlot? {
        let removed = slots.removeValue(forKey: id)
        if removed != nil { bumpLiveState() }
        return removed
    }

    /// Records a door state; the generation moves only when it differs.
    func storeDoor(_ state: DoorState, of lockerId: Int64) {
        if doors.updateValue(state, forKey: lockerId) != state { bumpLiveState() }
    }

    /// Forgets one locker's door state, or every door's.
    func forgetDoors(of lockerId: Int64? = nil) {
        if let lockerId {
            if doors.removeValue(forKey: lockerId) != nil { bumpLiveState() }
        } else if !doors.isEmpty {
            doors = [:]
            bumpLiveState()
        }
    }
}
