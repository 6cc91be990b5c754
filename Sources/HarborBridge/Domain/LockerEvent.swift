import HarborDrivers

/// A change that watchers of the cabinet (the admin page) are told about as it
/// happens, so that they never have to poll the whole locker list.
public enum LockerEvent: Sendable, Equatable {
    /// A door was read in a different state than it was last known in.
    case door(lockerId: Int64, from: DoorState, to: DoorState)
    /// Something clients see of a locker changed (status, service state, door,
    /// operational flag, transaction): the locker as it is now.
    case locker(LockerState)
    /// Lockers were added or removed (a controller added, removed, replaced or
    /// resized): the whole list must be read again.
    case cabinetChanged
    /// A controller went offline (with the failure's code and message) or came back.
    case controller(controllerId: Int64, online: Bool, code: String?, message: String?)

    /// The event a hardware event stands for.
    public init(_ hardware: HardwareEvent) {
        switch hardware {
        case let .doorChanged(lockerId, from, to):
            self = .door(lockerId: lockerId, from: from, to: to)
        case let .controllerOffline(controllerId, code, message):
            self = .controller(controllerId: controllerId, online: false, code: code, message: message)
        case let .controllerOnline(controllerId):
            self = .controller(controllerId: controllerId, online: true, code: nil, message: nil)
        }
    }
}

/// What a subscriber receives next.
public enum LockerEventDelivery: Sendable, Equatable {
    /// The next event, in the order it was published.
    case event(LockerEvent)
    /// Events were dropped because the subscriber fell behind: what it knows is
    /// stale and must be read again in full.
    case resync
    /// Nothing happened for a while; the subscriber asked to hear so
    /// (`LockerEventSubscription.requestHeartbeat()`).
    case heartbeat
}
