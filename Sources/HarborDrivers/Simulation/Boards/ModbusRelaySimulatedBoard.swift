/// Firmware of a simulated Modbus RTU relay board (Waveshare style): coils drive
/// the locks, board-timed pulses at 0x0200 + n, discrete inputs read the doors.
public final class ModbusRelaySimulatedBoard: SimulatedBoard {
    /// Always `.modbusRelay`.
    public let boardProtocol = LockBoardProtocol.modbusRelay
    /// The Modbus unit id.
    public let address: Int
    /// The board's doors and locks; relay n (coil n - 1) drives lock n.
    public let doors: SimulatedDoorBank
    /// How the door switches on the inputs are wired.
    public let polarity: FeedbackPolarity
    /// Coils switched on and not yet off; pulses leave them off, as the board
    /// times those itself and a read shows the coil at rest.
    private var coils: [Bool]

    /// A board with `channelCount` relays (clamped to 1...255).
    public init(
        address: Int, channelCount: Int, polarity: FeedbackPolarity = .setMeansClosed,
        closeAfter: Duration? = .seconds(2)
    ) {
        self.address = address
        let channels = SimulatedBoards.bankSize(channelCount, for: .modbusRelay)
        self.doors = SimulatedDoorBank(channelCount: channels, closeAfter: closeAfter)
        self.polarity = polarity
        self.coils = Array(repeating: false, count: channels)
    }

    /// The Modbus request scanner.
    public func scanCommand(_ bytes: ArraySlice<UInt8>) -> FrameScan {
        ModbusRTUCodec.scanRequest(bytes)
    }

    /// Acts on one request for this unit; refusals are Modbus exception replies.
    public func handle(_ frame: ArraySlice<UInt8>, at now: ContinuousClock.Instant) -> BoardResponse? {
        guard frame.count >= 2, Int(frame[frame.startIndex]) == address else { return nil }
        let function = frame[frame.startIndex + 1]
        guard function & 0x80 == 0 else { return nil }
        guard [0x01, 0x02, 0x05, 0x0F].contains(function) else {
            return refuse(function, ModbusRTUCodec.illegalFunction, "unsupported function \(Hex.byte(function))")
        }
        let request: ModbusRequest
        do {
            request = try ModbusRTUCodec.decodeRequest(frame)
        } catch {
            switch error {
            case .outOfRange: return refuse(function, ModbusRTUCodec.illegalDataAddress, "address out of range")
            case .unexpectedFrame: return refuse(function, ModbusRTUCodec.illegalDataValue, "value not allowed")
            case .wrongLength, .badChecksum, .modbusException: return nil
            }
        }
        return handle(request, function: function, at: now)
    }

    private func handle(_ request: ModbusRequest, function: UInt8, at now: ContinuousClock.Instant) -> BoardResponse {
        let count = doors.channelCount
        switch request {
        case let .writeCoil(_, coil, on) where coil == 0x00FF || coil < count:
            let channels = coil == 0x00FF ? Array(1...count) : [coil + 1]
            let fired = switchCoils(channels, on: on, at: now)
            return respond(.coilWritten(unit: address, address: coil, value: on ? 0xFF00 : 0x0000), fired: fired,
                           "unit \(address) coil \(Hex.byte(UInt8(truncatingIfNeeded: coil))) \(on ? "on" : "off")")
        case let .pulseCoil(_, channel, tenths) where channel <= count:
            doors.fire(channel: channel, at: now)
            let address = ModbusRTUCodec.pulseBase + channel - 1
            return respond(.coilWritten(unit: self.address, address: address, value: UInt16(tenths)), fired: [channel],
                           "unit \(self.address) pulse relay \(channel) for \(tenths * 100) ms")
        case let .readCoils(_, start, bits) where start + bits <= count:
            return respond(.bits(unit: address, function: function, values: Array(coils[start..<(start + bits)])),
                           fired: [], "unit \(address) read \(bits) coils from \(start)")
        case let .readInputs(_, start, bits) where start + bits <= count:
            let values = (start..<(start + bits)).map { polarity.bit(for: doors.state(of: $0 + 1, at: now)) }
            return respond(.bits(unit: address, function: function, values: values),
                           fired: [], "unit \(address) read \(bits) door inputs from \(start)")
        case let .writeCoils(_, start, values) where start + values.count <= count:
            var fired: [Int] = []
            for (offset, on) in values.enumerated() {
                fired += switchCoils([start + offset + 1], on: on, at: now)
            }
            return respond(.coilsWritten(unit: address, start: start, count: values.count), fired: fired,
                           "unit \(address) write \(values.count) coils from \(start)")
        case .writeCoil, .pulseCoil, .readCoils, .readInputs, .writeCoils:
            return refuse(function, ModbusRTUCodec.illegalDataAddress, "no such relay")
        }
    }

    /// Sets coils; a lock fires when its relay switches on, not while it stays on.
    private func switchCoils(_ channels: [Int], on: Bool, at now: ContinuousClock.Instant) -> [Int] {
        var fired: [Int] = []
        for channel in channels {
            if on, !coils[channel - 1] {
                doors.fire(channel: channel, at: now)
                fired.append(channel)
            }
            coils[channel - 1] = on
        }
        return fired
    }

    private func respond(_ response: ModbusResponse, fired: [Int], _ summary: String) -> BoardResponse {
        BoardResponse(reply: try? ModbusRTUCodec.encode(response: response), firedChannels: fired, summary: summary)
    }

    private func refuse(_ function: UInt8, _ code: UInt8, _ why: String) -> BoardResponse {
        respond(.exception(unit: address, function: function, code: code), fired: [],
                "unit \(address) function \(Hex.byte(function)): exception \(code) (\(why))")
    }
}
