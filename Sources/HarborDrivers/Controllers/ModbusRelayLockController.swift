/// A Modbus RTU relay board (Waveshare style) driving one lock per relay.
///
/// The board times the pulse itself (FC05 to `0x0200 + relay`, value in 100 ms
/// units), so a lost reply never leaves a relay switched on. Door switches, where
/// wired, sit on the board's discrete inputs (FC02).
public final class ModbusRelayLockController: LockController {
    public let settings: BoardControllerSettings
    private let link: BoardTransactions

    public var channelCount: Int { settings.channelCount }

    public init(bus: LockBoardBus, settings: BoardControllerSettings) {
        self.settings = settings
        self.link = BoardTransactions(bus: bus)
    }

    /// The pulse in the board's 100 ms units, at least one.
    var pulseTenths: Int {
        let milliseconds = settings.pulse.components.seconds * 1000
            + settings.pulse.components.attoseconds / 1_000_000_000_000_000
        return Int(max(1, min(0xFFFF, (milliseconds + 50) / 100)))
    }

    public func open(channel: Int) async throws(LockControllerError) -> OpenOutcome {
        try settings.check(channel: channel)
        let request = ModbusRequest.pulseCoil(unit: settings.address, channel: channel, tenths: pulseTenths)
        let reply = try await exchange(request, label: "open \(settings.address)/\(channel)", isUnlock: true)
        guard case let .coilWritten(_, address, _) = reply, address == 0x0200 + channel - 1 else {
            throw .invalidReply("pulse not echoed: \(reply)")
        }
        let doorState = settings.readsDoorInputs
            ? ((try? await readDoorStates())?[channel - 1] ?? .unknown)
            : .unknown
        return OpenOutcome(channel: channel, doorState: doorState)
    }

    /// Pulses the relays one after another (the board has no timed pulse for all).
    public func openAll() async throws(LockControllerError) -> [OpenOutcome] {
        try await openEachInTurn()
    }

    public func readDoorStates() async throws(LockControllerError) -> [DoorState] {
        guard settings.readsDoorInputs else {
            // No switches wired: reading the coils still proves the board answers.
            _ = try await readCoils()
            return Array(repeating: .unknown, count: settings.channelCount)
        }
        let request = ModbusRequest.readInputs(unit: settings.address, start: 0, count: settings.channelCount)
        let reply = try await exchange(request, label: "inputs \(settings.address)", isUnlock: false)
        guard case let .bits(_, _, values) = reply else {
            throw .invalidReply("expected input bits, got \(reply)")
        }
        return (0..<settings.channelCount).map { index in
            index < values.count ? settings.polarity.doorState(bitSet: values[index]) : .unknown
        }
    }

    /// Reads the relay coils: proves the board answers even without door inputs.
    public func readCoils() async throws(LockControllerError) -> [Bool] {
        let request = ModbusRequest.readCoils(unit: settings.address, start: 0, count: settings.channelCount)
        let reply = try await exchange(request, label: "coils \(settings.address)", isUnlock: false)
        guard case let .bits(_, _, values) = reply else {
            throw .invalidReply("expected coil bits, got \(reply)")
        }
        return Array(values.prefix(settings.channelCount))
    }

    private func exchange(
        _ request: ModbusRequest, label: String, isUnlock: Bool
    ) async throws(LockControllerError) -> ModbusResponse {
        let frame = try await link.exchange(
            try encodeFrame { () throws(CodecError) in try ModbusRTUCodec.encode(request) },
            label: label,
            timeout: isUnlock ? settings.unlockTimeout : settings.queryTimeout,
            isUnlock: isUnlock,
            scan: { ModbusRTUCodec.scanReply($0, to: request) })
        let response: ModbusResponse
        do {
            response = try ModbusRTUCodec.decodeReply(frame[...], to: request)
        } catch {
            throw LockControllerError(error)
        }
        if case let .exception(_, function, code) = response {
            throw .invalidReply("Modbus exception \(code) to function \(Hex.byte(function))")
        }
        return response
    }
}
