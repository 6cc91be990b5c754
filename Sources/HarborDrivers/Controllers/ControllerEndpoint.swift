/// Where a board controller's bytes go: a serial line or a TCP bridge.
public enum ControllerEndpoint: Sendable, Hashable, CustomStringConvertible {
    case serial(path: String, baudRate: Int)
    case tcp(host: String, port: Int)

    /// A new transport for the endpoint (not yet open).
    public func makeTransport() -> any ByteTransport {
        switch self {
        case let .serial(path, baudRate): SerialTransport(path: path, baudRate: baudRate)
        case let .tcp(host, port): TCPTransport(host: host, port: port)
        }
    }

    /// The bus the endpoint stands for: boards on one serial line share it
    /// whatever baud rate each was declared with.
    public var busKey: String {
        switch self {
        case let .serial(path, _): "serial:\(path)"
        case let .tcp(host, port): "tcp:\(host):\(port)"
        }
    }

    public var description: String {
        switch self {
        case let .serial(path, baudRate): "\(path) @ \(baudRate) baud"
        case let .tcp(host, port): "\(host):\(port)"
        }
    }
}

/// Builds the controller for one board of a protocol on a bus.
public enum BoardControllers {
    /// The controller that speaks `boardProtocol` to the board at `settings.address`.
    public static func make(
        _ boardProtocol: LockBoardProtocol, bus: LockBoardBus, settings: BoardControllerSettings
    ) -> any LockController {
        switch boardProtocol {
        case .cuXor: CUXorLockController(bus: bus, settings: settings)
        case .kerongCU16: KerongCU16LockController(bus: bus, settings: settings)
        case .kerongCU48: KerongCU48LockController(bus: bus, settings: settings)
        case .modbusRelay: ModbusRelayLockController(bus: bus, settings: settings)
        }
    }
}

/// One bus per serial line or TCP bridge, shared by every board on it, so that
/// requests to different boards on one RS485 line are still serialised.
public actor LockBoardBusRegistry {
    private var buses: [String: LockBoardBus] = [:]
    private let timing: BusTiming

    public init(timing: BusTiming = BusTiming()) {
        self.timing = timing
    }

    /// The bus of an endpoint, created on first use.
    public func bus(for endpoint: ControllerEndpoint) -> LockBoardBus {
        if let bus = buses[endpoint.busKey] { return bus }
        let bus = LockBoardBus(transport: endpoint.makeTransport(), timing: timing)
        buses[endpoint.busKey] = bus
        return bus
    }

    /// Closes and forgets a bus no controller uses any more.
    public func close(_ endpoint: ControllerEndpoint) async {
        guard let bus = buses.removeValue(forKey: endpoint.busKey) else { return }
        await bus.close()
    }

    /// Closes every bus (shutdown).
    public func closeAll() async {
        let all = buses.values
        buses.removeAll()
        for bus in all { await bus.close() }
    }
}
