import HarborDrivers

/// What the runtime knows right now, and how answers and failures change it.
extension HardwareRuntime {
    /// The door state last read for a locker (`unknown` when its controller is
    /// offline, has no sensor, or the locker is not known).
    public func doorState(lockerId: Int64) -> DoorState {
        doors[lockerId] ?? .unknown
    }

    /// Ids of the loaded controllers, ascending.
    public var controllerIds: [Int64] { slots.keys.sorted() }

    /// Where a locker is wired, nil for a locker the runtime does not know.
    public func placement(lockerId: Int64) -> HardwarePlacement? { placements[lockerId] }

    /// The simulated line behind a simulated controller (for tests and the demo).
    public func simulatedLine(controllerId: Int64) -> InProcessBoardLine? {
        slots[controllerId]?.attached?.simulatedLine
    }

    /// Door states of every placed locker.
    public func doorStates() -> [Int64: DoorState] {
        placements.keys.reduce(into: [:]) { states, lockerId in states[lockerId] = doors[lockerId] ?? .unknown }
    }

    /// Whether a locker can be offered: its controller runs, answered last time,
    /// has no failure since, and has the locker's channel.
    public func isOperational(lockerId: Int64) -> Bool {
        guard let placement = placements[lockerId], let slot = slots[placement.controllerId],
              let controller = slot.attached?.controller
        else { return false }
        return slot.status.online && !slot.status.faulted
            && placement.channel >= 1 && placement.channel <= controller.channelCount
    }

    /// Placed lockers that are not operational.
    public func unavailableLockerIds() -> Set<Int64> {
        Set(placements.keys.filter { !isOperational(lockerId: $0) })
    }

    /// The live view of one controller, nil when it is not loaded.
    public func status(controllerId: Int64) -> ControllerRuntimeStatus? {
        slots[controllerId]?.status
    }

    /// The live view of every loaded controller.
    public func statuses() -> [Int64: ControllerRuntimeStatus] {
        slots.mapValues(\.status)
    }

    // MARK: - Learning from answers

    /// The controller answered: it is online and sound.
    func noteAnswer(controllerId: Int64, generation: UInt64) {
        let seenAt = now()
        let cameOnline = updateSlot(controllerId) { slot -> Bool in
            guard slot.generation == generation else { return false }
            let cameOnline = !slot.status.online
            slot.status.lastSeenAt = seenAt
            slot.status.faulted = false
            slot.status.online = true
            slot.status.contacted = true
            return cameOnline
        }
        if cameOnline == true { events(.controllerOnline(controllerId: controllerId)) }
    }

    /// A request failed. It is counted and kept as the last error; with
    /// `goesOffline` the controller is offline and its doors unknown.
    func noteFailure(_ error: HardwareError, controllerId: Int64, generation: UInt64, goesOffline: Bool) {
        let failedAt = now()
        let wentOffline = updateSlot(controllerId) { slot -> Bool? in
            guard slot.generation == generation else { return nil }
            slot.status.counters.count(error)
            slot.status.lastError = HardwareFault(code: error.code, message: error.description, at: failedAt)
            slot.status.faulted = true
            let wentOffline = goesOffline && (slot.status.online || !slot.status.contacted)
            if goesOffline {
                slot.status.online = false
                slot.status.contacted = true
            }
            return wentOffline
        }
        guard let wentOffline = wentOffline ?? nil, goesOffline else { return }
        for lockerId in lockerIds(on: controllerId) {
            setDoor(lockerId, .unknown)
        }
        if wentOffline {
            events(.controllerOffline(controllerId: controllerId, code: error.code, message: error.description))
        }
    }

    /// Records a door state just learned, reporting a change from the last known state.
    func setDoor(_ lockerId: Int64, _ state: DoorState) {
        guard placements[lockerId] != nil else { return }
        storeDoor(state, of: lockerId)
        guard state != .unknown else { return }
        let known = lastKnownDoors.updateValue(state, forKey: lockerId)
        // The first reading after start-up is news to nobody: only changes are reported.
        if let known, known != state {
            events(.doorChanged(lockerId: lockerId, from: known, to: state))
        }
    }
}

extension HardwareRuntime {
    func bumpLiveState() {
        liveStateGeneration.add(1, ordering: .releasing)
    }

    /// What `isOperational` reads of a slot.
    struct OperationalView: Equatable {
        var online: Bool
        var faulted: Bool
        var channelCount: Int?

        init(_ slot: ControllerSlot) {
            online = slot.status.online
            faulted = slot.status.faulted
            channelCount = slot.attached?.controller.channelCount
        }
    }
}
