/// Simulated boards on an in-process RS485 line. The host end is a transport a
/// `LockBoardBus` owns, so a simulated controller runs the very controller, codec
/// and bus code a real board gets; only the wire is memory.
public actor InProcessBoardLine {
    /// The end a `LockBoardBus` talks through.
    public nonisolated let hostTransport: InMemoryTransport
    private let device: InMemoryTransport
    private let line: SimulatedLine
    private var pump: Task<Void, Never>?

    /// A line with one simulated board per specification.
    public init(
        boards: [SimulatedBoardSpecification],
        polarity: FeedbackPolarity = .setMeansClosed,
        closeAfter: Duration? = .seconds(2),
        faults: SimulatorFaults = SimulatorFaults(),
        name: String = "simulated"
    ) {
        (hostTransport, device) = InMemoryTransport.pair(name: name)
        line = SimulatedLine(
            boards: boards.map {
                SimulatedBoards.make(
                    protocol: $0.boardProtocol, address: $0.address, channelCount: $0.channelCount,
                    polarity: polarity, closeAfter: closeAfter)
            },
            faults: faults)
    }

    /// Starts answering frames; does nothing when already started.
    public func start() async {
        guard pump == nil else { return }
        try? await device.open()
        pump = Task { await self.serve() }
    }

    /// Stops answering; the host end then times out like a board losing power.
    public func stop() async {
        pump?.cancel()
        pump = nil
        await device.close()
    }

    /// Pulls the line's adapter out: the host end fails with `.deviceVanished`
    /// and cannot reopen until `plugIn()`.
    public func unplug() {
        device.vanish()
    }

    /// Puts the adapter back; the host end's bus reopens it on its next request.
    public func plugIn() {
        device.reappear()
    }

    /// Door states of one board right now (for tests and the demo).
    public func doorStates(address: Int) -> [DoorState] {
        guard let board = line.board(at: address) else { return [] }
        let now = ContinuousClock.now
        return (1...max(board.doors.channelCount, 1)).map { board.doors.state(of: $0, at: now) }
    }

    /// Opens or closes a door by hand, as a person at the cabinet would.
    public func setDoor(address: Int, channel: Int, open: Bool) {
        line.board(at: address)?.doors.setDoor(channel: channel, open: open, at: .now)
    }

    /// How often a board's lock on `channel` fired.
    public func fireCount(address: Int, channel: Int) -> Int {
        line.board(at: address)?.doors.fireCount(of: channel) ?? 0
    }

    private func serve() async {
        while !Task.isCancelled {
            let deadline = line.expiry() ?? .now + .seconds(1)
            let bytes: [UInt8]
            do {
                bytes = try await device.read(until: deadline)
            } catch {
                return  // the device end was closed: stop() is under way
            }
            let now = ContinuousClock.now
            let events = bytes.isEmpty ? line.expire(at: now) : line.receive(bytes, at: now)
            for case let .replyScheduled(reply) in events {
                // Half duplex: the board is busy answering until its reply is out.
                try? await Task.sleep(until: reply.due, clock: .continuous)
                try? await device.write(reply.bytes)
            }
        }
    }
}
