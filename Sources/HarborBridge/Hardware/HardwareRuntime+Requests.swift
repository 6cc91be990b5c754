import HarborDrivers

/// Unlocks and door polls: the only requests that reach the hardware.
extension HardwareRuntime {
    /// Fires one locker's lock through the controller its placement names.
    /// Never retried: a lost reply throws `HARDWARE_TIMEOUT` with the outcome
    /// unknown. The answer (or failure) updates the controller's and the door's state.
    public func open(lockerId: Int64) async throws(HardwareError) -> OpenOutcome {
        do {
            let outcome = try await fire(lockerId: lockerId)
            metrics?.recordOpen(.opened)
            return outcome
        } catch {
            metrics?.recordOpen(OpenOutcomeLabel(error))
            throw error
        }
    }

    /// The unlock itself, timed per controller.
    private func fire(lockerId: Int64) async throws(HardwareError) -> OpenOutcome {
        guard let placement = placements[lockerId] else { throw .lockerNotFound(lockerId) }
        guard let slot = slots[placement.controllerId] else { throw .controllerNotFound(placement.controllerId) }
        guard let controller = slot.attached?.controller else {
            throw slot.buildError
                ?? .unreachable("controller \(placement.controllerId) is still starting", cause: "CONTROLLER_STARTING")
        }
        let outcome: OpenOutcome
        do {
            // The actor is free while the lock fires: other lockers and polls go on.
            let started = ContinuousClock.now
            defer { metrics?.recordRoundTrip(controllerId: placement.controllerId, duration: started.duration(to: .now)) }
            outcome = try await controller.open(channel: placement.channel)
        } catch {
            let failure = HardwareError(error)
            if case .channelOutOfRange = failure { throw failure }
            noteFailure(
                failure, controllerId: placement.controllerId, generation: slot.generation,
                goesOffline: failure.meansOffline)
            // Whether the lock fired is unknown, and so is its door.
            setDoor(lockerId, .unknown)
            throw failure
        }
        noteAnswer(controllerId: placement.controllerId, generation: slot.generation)
        updateSlot(placement.controllerId) { current in
            if current.generation == slot.generation { current.status.counters.opens += 1 }
        }
        setDoor(lockerId, outcome.doorState)
        return outcome
    }

    /// Reads every door of one controller. An answer puts it online and updates
    /// its doors; silence or an unreachable device puts it offline with its doors
    /// unknown. A controller that could not be built (GPIO chip missing) is
    /// tried again first.
    public func pollOnce(controllerId: Int64) async {
        guard var slot = slots[controllerId] else { return }
        if slot.wantsRebuild {
            guard let rebuilt = await rebuild(controllerId, slot: slot) else { return }
            slot = rebuilt
        }
        guard let controller = slot.attached?.controller else { return }
        let states: [DoorState]
        do {
            let started = ContinuousClock.now
            defer { metrics?.recordRoundTrip(controllerId: controllerId, duration: started.duration(to: .now)) }
            states = try await controller.readDoorStates()
        } catch {
            let failure = HardwareError(error)
            // A board that answers nonsense is there, but none of its doors can be trusted.
            let goesOffline = if case .badReply = failure { false } else { true }
            noteFailure(failure, controllerId: controllerId, generation: slot.generation, goesOffline: goesOffline)
            if !goesOffline {
                for lockerId in lockerIds(on: controllerId) { setDoor(lockerId, .unknown) }
            }
            return
        }
        noteAnswer(controllerId: controllerId, generation: slot.generation)
        let sameBuild = updateSlot(controllerId) { current -> Bool in
            guard current.generation == slot.generation else { return false }
            current.status.counters.doorReads += 1
            return true
        }
        guard sameBuild == true else { return }
        for lockerId in lockerIds(on: controllerId) {
            guard let channel = placements[lockerId]?.channel else { continue }
            let state = channel >= 1 && channel <= states.count ? states[channel - 1] : .unknown
            setDoor(lockerId, state)
        }
    }

    /// Polls every loaded controller at once.
    public func pollAll() async {
        await withDiscardingTaskGroup { group in
            for id in slots.keys {
                group.addTask { await self.pollOnce(controllerId: id) }
            }
        }
    }

    /// Tries again to build a controller that could not be built; returns the
    /// slot with its controller, or nil when it still cannot be had.
    private func rebuild(_ controllerId: Int64, slot: ControllerSlot) async -> ControllerSlot? {
        guard let blueprint = slot.blueprint else { return nil }
        let result: Result<AttachedController, HardwareError>
        do {
            result = .success(try await factory.make(blueprint))
        } catch {
            result = .failure(error)
        }
        // The slot may have been rebuilt, removed or built by another poll meanwhile.
        guard var current = slots[controllerId], current.generation == slot.generation, current.attached == nil else {
            if case let .success(attached) = result {
                await factory.release(attached, busShared: sharesBus(attached))
            }
            return nil
        }
        switch result {
        case let .success(attached):
            current.attached = attached
            current.buildError = nil
            current.status.channelCount = attached.controller.channelCount
            putSlot(current, id: controllerId)
            return current
        case let .failure(error):
            current.buildError = error
            putSlot(current, id: controllerId)
            noteFailure(error, controllerId: controllerId, generation: current.generation, goesOffline: true)
            return nil
        }
    }
}
