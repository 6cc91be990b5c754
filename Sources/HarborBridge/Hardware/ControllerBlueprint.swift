import HarborDrivers

/// How long a board controller waits for answers, and the lock pulse of
/// controllers whose record sets none (the gateway's `pulseMs` setting).
public struct BoardTimeouts: Sendable, Equatable {
    /// Wait for the answer to an unlock (boards answer in 0.5 to 1 s).
    public var unlock: Duration
    /// Wait for the answer to a status read (boards answer in about 0.2 s).
    public var query: Duration
    /// Pulse of GPIO relays and Modbus relay boards whose record has no `pulseMs`.
    public var defaultPulse: Duration

    /// Timeouts with the defaults of the board controllers.
    public init(
        unlock: Duration = .milliseconds(1500), query: Duration = .milliseconds(800),
        defaultPulse: Duration = .milliseconds(500)
    ) {
        self.unlock = unlock
        self.query = query
        self.defaultPulse = defaultPulse
    }
}

/// A stored controller record checked and turned into what the factory builds:
/// every field the hardware needs, in the drivers' own types.
public enum ControllerBlueprint: Sendable, Equatable {
    /// A board on a serial line or behind a TCP bridge.
    case board(LockBoardProtocol, endpoint: ControllerEndpoint, settings: BoardControllerSettings)
    /// A bank of relays on the gateway's own GPIO lines.
    case gpio(GPIORelayConfiguration)
    /// A simulated board on an in-process line, driven through the real codec and bus.
    case simulated(SimulatedBoardSpecification, settings: BoardControllerSettings)

    /// Checks `record` and describes the hardware it stands for. `channelCount`
    /// is the number of channels its lockers use (GPIO banks have one per line).
    public init(record: ControllerRecord, channelCount: Int, timeouts: BoardTimeouts = BoardTimeouts()) throws(HardwareError) {
        let name = "controller \(record.id) (\(record.name))"
        guard let polarity = FeedbackPolarity(rawValue: record.feedbackPolarity) else {
            throw .invalidController("\(name) has unknown feedback polarity \(record.feedbackPolarity)")
        }
        let pulse = try Self.pulse(record, name: name) ?? timeouts.defaultPulse
        switch record.kind {
        case "serial", "tcp":
            let boardProtocol = try Self.boardProtocol(record, name: name)
            let endpoint = try Self.endpoint(record, boardProtocol: boardProtocol, name: name)
            guard let address = record.address else {
                throw .invalidController("\(name) needs the board's address")
            }
            let settings = try Self.settings(
                boardProtocol, address: address, channelCount: channelCount, polarity: polarity,
                pulse: pulse, timeouts: timeouts, name: name)
            self = .board(boardProtocol, endpoint: endpoint, settings: settings)
        case "gpio":
            self = .gpio(try Self.relays(record, polarity: polarity, pulse: pulse, name: name))
        case "simulated":
            // "simulated" stands for a CU XOR board; a board protocol simulates that board.
            let boardProtocol: LockBoardProtocol = record.boardProtocol == "simulated"
                ? .cuXor : try Self.boardProtocol(record, name: name)
            let settings = try Self.settings(
                boardProtocol, address: record.address ?? 1, channelCount: channelCount,
                polarity: polarity, pulse: pulse, timeouts: timeouts, name: name)
            do {
                let board = try SimulatedBoardSpecification(
                    boardProtocol: boardProtocol, address: settings.address, channelCount: settings.channelCount)
                self = .simulated(board, settings: settings)
            } catch {
                throw .invalidController("\(name): \(error.description)")
            }
        default:
            throw .invalidController("\(name) has unknown kind \(record.kind)")
        }
    }

    /// The bus endpoint of a board, nil for GPIO banks and simulated boards.
    public var endpoint: ControllerEndpoint? {
        if case let .board(_, endpoint, _) = self { return endpoint }
        return nil
    }

    private static func boardProtocol(_ record: ControllerRecord, name: String) throws(HardwareError) -> LockBoardProtocol {
        guard let boardProtocol = LockBoardProtocol(rawValue: record.boardProtocol) else {
            throw .invalidController("\(name) of kind \(record.kind) cannot speak \(record.boardProtocol)")
        }
        return boardProtocol
    }

    private static func pulse(_ record: ControllerRecord, name: String) throws(HardwareError) -> Duration? {
        guard let milliseconds = record.pulseMs else { return nil }
        // A pulse of nothing never fires a lock; a minute-long one burns the solenoid.
        guard (1...60_000).contains(milliseconds) else {
            throw .invalidController("\(name) has a pulse of \(milliseconds) ms")
        }
        return .milliseconds(milliseconds)
    }

    private static func endpoint(
        _ record: ControllerRecord, boardProtocol: LockBoardProtocol, name: String
    ) throws(HardwareError) -> ControllerEndpoint {
        if record.kind == "serial" {
            guard let device = record.device, !device.isEmpty else {
                throw .invalidController("\(name) needs a serial device path")
            }
            let baudRate = record.baudRate ?? boardProtocol.defaultBaudRate
            guard baudRate > 0 else { throw .invalidController("\(name) has baud rate \(baudRate)") }
            return .serial(path: device, baudRate: baudRate)
        }
        guard let host = record.host, !host.isEmpty else {
            throw .invalidController("\(name) needs the bridge's host")
        }
        guard let port = record.port, (1...65_535).contains(port) else {
            throw .invalidController("\(name) needs a TCP port in 1...65535")
        }
        return .tcp(host: host, port: port)
    }

    private static func settings(
        _ boardProtocol: LockBoardProtocol, address: Int, channelCount: Int, polarity: FeedbackPolarity,
        pulse: Duration?, timeouts: BoardTimeouts, name: String
    ) throws(HardwareError) -> BoardControllerSettings {
        guard boardProtocol.addressRange.contains(address) else {
            throw .invalidController(
                "\(name): address \(address) is outside \(boardProtocol.rawValue)'s \(boardProtocol.addressRange)")
        }
        // A board without lockers yet still answers status reads: poll it as a typical board.
        let channels = channelCount > 0 ? channelCount : boardProtocol.defaultChannelCount
        guard boardProtocol.channelRange.contains(channels) else {
            throw .invalidController(
                "\(name): \(channels) channels is outside \(boardProtocol.rawValue)'s \(boardProtocol.channelRange)")
        }
        return BoardControllerSettings(
            address: address, channelCount: channels, polarity: polarity,
            unlockTimeout: timeouts.unlock, queryTimeout: timeouts.query,
            // Only Modbus relay boards take a pulse length; CU and Kerong boards time
            // their own, so a new default pulse leaves them (and their buses) alone.
            pulse: boardProtocol == .modbusRelay ? (pulse ?? timeouts.defaultPulse) : BoardTimeouts().defaultPulse)
    }

    private static func relays(
        _ record: ControllerRecord, polarity: FeedbackPolarity, pulse: Duration?, name: String
    ) throws(HardwareError) -> GPIORelayConfiguration {
        guard record.boardProtocol == "gpio-relay" else {
            throw .invalidController("\(name) of kind gpio cannot speak \(record.boardProtocol)")
        }
        guard let chip = record.chip, !chip.isEmpty else {
            throw .invalidController("\(name) needs a GPIO chip")
        }
        guard let lines = record.lines, !lines.isEmpty, lines.allSatisfy({ !$0.isEmpty }) else {
            throw .invalidController("\(name) needs one GPIO line per lock")
        }
        if let doorLines = record.doorLines, doorLines.contains(where: \.isEmpty) {
            throw .invalidController("\(name) has an empty door line")
        }
        var configuration = GPIORelayConfiguration(
            chip: GPIOChipSelector(chip),
            lines: lines.map(GPIOLineSelector.init),
            doorLines: record.doorLines?.map(GPIOLineSelector.init),
            activeLow: record.activeLow,
            doorPolarity: polarity)
        if let pulse { configuration.pulse = pulse }
        return configuration
    }
}
