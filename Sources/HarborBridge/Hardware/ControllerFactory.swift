import HarborDrivers

/// Turns stored controller records into running controllers.
///
/// Boards on one serial line or TCP bridge share one bus from `buses`, so their
/// requests are serialised as the wire requires. Nothing is opened here: a
/// board's bus opens its device on the first request and reopens it after a
/// failure, so a controller whose adapter is missing is still built and simply
/// stays offline until the device appears.
public struct ControllerFactory: Sendable {
    /// Opens a GPIO chip; tests hand in a simulated chip.
    public typealias ChipOpener = @Sendable (GPIOChipSelector) throws(GPIOError) -> any GPIOChipDriver

    /// The one bus registry every board controller gets its bus from.
    public let buses: LockBoardBusRegistry
    /// Answer timeouts of board (and simulated board) controllers.
    public var timeouts: BoardTimeouts
    /// How long a simulated door stays open after its lock fired (nil: until closed by hand).
    public var simulatedDoorsCloseAfter: Duration?
    /// Faults every simulated line shows (none unless a test or demo asks).
    public var simulatorFaults: SimulatorFaults
    private let openChip: ChipOpener

    /// A factory over `buses`, opening GPIO chips through libgpiod unless told otherwise.
    public init(
        buses: LockBoardBusRegistry = LockBoardBusRegistry(),
        timeouts: BoardTimeouts = BoardTimeouts(),
        simulatedDoorsCloseAfter: Duration? = .seconds(3),
        simulatorFaults: SimulatorFaults = SimulatorFaults(),
        openChip: @escaping ChipOpener = { selector throws(GPIOError) in try LibgpiodChip(selector) }
    ) {
        self.buses = buses
        self.timeouts = timeouts
        self.simulatedDoorsCloseAfter = simulatedDoorsCloseAfter
        self.simulatorFaults = simulatorFaults
        self.openChip = openChip
    }

    /// Checks `record` and builds its controller. `channelCount` is the number of
    /// channels its lockers use. Throws `INVALID_CONTROLLER` for a record that
    /// makes no sense and `CONTROLLER_UNREACHABLE` for a GPIO chip or line that
    /// cannot be had right now (worth trying again later).
    public func make(_ record: ControllerRecord, channelCount: Int) async throws(HardwareError) -> AttachedController {
        let blueprint = try ControllerBlueprint(record: record, channelCount: channelCount, timeouts: timeouts)
        return try await make(blueprint)
    }

    /// Builds the controller a checked blueprint describes.
    public func make(_ blueprint: ControllerBlueprint) async throws(HardwareError) -> AttachedController {
        switch blueprint {
        case let .board(boardProtocol, endpoint, settings):
            let bus = await buses.bus(for: endpoint)
            return AttachedController(
                controller: BoardControllers.make(boardProtocol, bus: bus, settings: settings),
                blueprint: blueprint, simulatedLine: nil, simulatedBus: nil)
        case let .gpio(configuration):
            let controller: GPIORelayLockController
            do {
                let chip = try openChip(configuration.chip)
                controller = try GPIORelayLockController(configuration: configuration, chip: chip)
            } catch {
                throw HardwareError(error)
            }
            return AttachedController(controller: controller, blueprint: blueprint, simulatedLine: nil, simulatedBus: nil)
        case let .simulated(board, settings):
            let line = InProcessBoardLine(
                boards: [board], polarity: settings.polarity, closeAfter: simulatedDoorsCloseAfter,
                faults: simulatorFaults, name: "simulated-\(board.boardProtocol.rawValue)-\(board.address)")
            await line.start()
            let bus = LockBoardBus(transport: line.hostTransport, timing: BusTiming(interFrameGap: .zero))
            return AttachedController(
                controller: BoardControllers.make(board.boardProtocol, bus: bus, settings: settings),
                blueprint: blueprint, simulatedLine: line, simulatedBus: bus)
        }
    }

    /// Lets go of what a removed controller held: its simulated line, and its
    /// bus when no other running controller shares it (`busShared`). GPIO lines
    /// go back to the chip when the last reference to the controller is gone.
    public func release(_ attached: AttachedController, busShared: Bool) async {
        if let bus = attached.simulatedBus { await bus.close() }
        if let line = attached.simulatedLine { await line.stop() }
        if let endpoint = attached.endpoint, !busShared {
            await buses.close(endpoint)
        }
    }
}
