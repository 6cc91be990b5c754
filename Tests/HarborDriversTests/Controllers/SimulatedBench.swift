import HarborDrivers

/// Simulated boards on an in-process line with a real bus in front: controllers
/// under test run their codecs and the bus exactly as on hardware.
struct SimulatedBench {
    let line: InProcessBoardLine
    let bus: LockBoardBus

    init(
        _ boards: [SimulatedBoardSpecification],
        polarity: FeedbackPolarity = .setMeansClosed,
        closeAfter: Duration? = nil,
        faults: SimulatorFaults = SimulatorFaults(),
        timing: BusTiming = BusTiming(interFrameGap: .zero)
    ) async {
        line = InProcessBoardLine(boards: boards, polarity: polarity, closeAfter: closeAfter, faults: faults)
        await line.start()
        bus = LockBoardBus(transport: line.hostTransport, timing: timing)
    }

    /// Frames the bus put on the wire, as hex.
    var framesOnTheWire: [String] { line.hostTransport.writtenFrames.map { Hex.string($0) } }

    func settings(address: Int, channels: Int, timeout: Duration = .seconds(3)) -> BoardControllerSettings {
        BoardControllerSettings(
            address: address, channelCount: channels, unlockTimeout: timeout, queryTimeout: timeout)
    }

    func stop() async {
        await bus.close()
        await line.stop()
    }
}

extension SimulatedBoardSpecification {
    static func board(_ boardProtocol: LockBoardProtocol, _ address: Int, channels: Int) throws(BoardSpecificationError) -> Self {
        try SimulatedBoardSpecification(boardProtocol: boardProtocol, address: address, channelCount: channels)
    }
}
