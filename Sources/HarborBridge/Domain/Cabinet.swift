import HarborDrivers

/// The lockers of one cabinet and the controllers that drive them: turns a locker
/// id into a command to the right controller and channel.
public actor Cabinet {
    private var controllers: [Int: any LockController]
    public private(set) var directory: LockerDirectory

    /// Refuses a directory that names a missing controller or a channel it lacks.
    public init(controllers: [Int: any LockController], directory: LockerDirectory) throws(CabinetError) {
        for lockerId in directory.lockerIds {
            guard let placement = directory.placement(of: lockerId) else { continue }
            guard let controller = controllers[placement.controllerId] else {
                throw .controllerNotFound(placement.controllerId)
            }
            guard placement.channel >= 1, placement.channel <= controller.channelCount else {
                throw .hardware(lockerId: lockerId, .channelOutOfRange(
                    channel: placement.channel, channelCount: controller.channelCount))
            }
        }
        self.controllers = controllers
        self.directory = directory
    }

    /// Fires one locker's lock through its controller.
    public func open(lockerId: Int) async throws(CabinetError) -> OpenOutcome {
        let (controller, placement) = try route(lockerId)
        do {
            return try await controller.open(channel: placement.channel)
        } catch {
            throw .hardware(lockerId: lockerId, error)
        }
    }

    /// Door states of every locker; a controller that cannot be read leaves its
    /// lockers `unknown` without holding up the others.
    public func doorStates() async -> [Int: DoorState] {
        var result: [Int: DoorState] = [:]
        await withTaskGroup(of: [Int: DoorState].self) { group in
            for (controllerId, controller) in controllers {
                let wired = directory.lockers(on: controllerId)
                group.addTask {
                    let states = (try? await controller.readDoorStates()) ?? []
                    var mine: [Int: DoorState] = [:]
                    for (lockerId, channel) in wired {
                        mine[lockerId] = channel <= states.count ? states[channel - 1] : .unknown
                    }
                    return mine
                }
            }
            for await part in group {
                result.merge(part) { first, _ in first }
            }
        }
        return result
    }

    private func route(_ lockerId: Int) throws(CabinetError) -> (any LockController, LockerPlacement) {
        guard let placement = directory.placement(of: lockerId) else { throw .lockerNotFound(lockerId) }
        guard let controller = controllers[placement.controllerId] else {
            throw .controllerNotFound(placement.controllerId)
        }
        return (controller, placement)
    }
}
