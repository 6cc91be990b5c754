import HarborDrivers

/// A running controller and what it holds: the bus it shares with other boards,
/// or the simulated line it owns. The runtime keeps it until the controller is
/// removed, then hands it back to the factory to let go.
public struct AttachedController: Sendable {
    /// The controller the runtime sends unlocks and reads to.
    public let controller: any LockController
    /// The checked record it was built from.
    public let blueprint: ControllerBlueprint
    /// The in-process line of a simulated controller (nil for real hardware).
    public let simulatedLine: InProcessBoardLine?
    /// The bus over the simulated line, owned by this controller alone.
    let simulatedBus: LockBoardBus?

    /// The bus endpoint of a board on a serial line or TCP bridge.
    public var endpoint: ControllerEndpoint? { blueprint.endpoint }
}
