import HarborDrivers

/// Something the runtime learned about the hardware, delivered once to the
/// event sink so the service can log it.
public enum HardwareEvent: Sendable, Equatable {
    /// A door was read in a different state than it was last known in.
    case doorChanged(lockerId: Int64, from: DoorState, to: DoorState)
    /// A controller stopped answering (or could not be started).
    case controllerOffline(controllerId: Int64, code: String, message: String)
    /// A controller answered again (or for the first time).
    case controllerOnline(controllerId: Int64)
}

/// Receives hardware events; called on the runtime's actor, so it must be quick
/// (log, enqueue) and must not call back into the runtime synchronously.
public typealias HardwareEventSink = @Sendable (HardwareEvent) -> Void
