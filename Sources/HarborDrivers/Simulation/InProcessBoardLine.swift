import Synchronization

/// Simulated boards on an in-process RS485 line. The host end is a transport a
/// `LockBoardBus` owns, so a simulated controller runs the very controller, codec
/// and bus code a real board gets; only the wire is memory.
///
/// A frame is taken inside the host's `write` and a reply that is due at once is
/// in the host's receive buffer before that write returns: no task wakes up per
/// frame, so a simulated cabinet costs the gateway what its own code costs. Replies
/// with latency or wire pacing, and the silence that completes or drops a partial
/// frame, are handled by one delivery task at their due time, in order.
public actor InProcessBoardLine {
    /// The end a `LockBoardBus` talks through.
    public nonisolated let hostTransport: InMemoryTransport
    private nonisolated let core: SimulatedLineCore

    /// A line with one simulated board per specification.
    public init(
        boards: [SimulatedBoardSpecification],
        polarity: FeedbackPolarity = .setMeansClosed,
        closeAfter: Duration? = .seconds(2),
        faults: SimulatorFaults = SimulatorFaults(),
        name: String = "simulated"
    ) {
        let (host, device) = InMemoryTransport.pair(name: name)
        hostTransport = host
        core = SimulatedLineCore(device: device, line: SimulatedLine(
            boards: boards.map {
                SimulatedBoards.make(
                    protocol: $0.boardProtocol, address: $0.address, channelCount: $0.channelCount,
                    polarity: polarity, closeAfter: closeAfter)
            },
            faults: faults))
    }

    /// Starts answering frames; does nothing when already started.
    public func start() async {
        guard !core.device.isOpen else { return }
        try? await core.device.open()
        let core = core
        // Weak: the device end's link would otherwise keep the core alive if stop() never came.
        core.device.deliverArrivals { [weak core] bytes in core?.take(bytes) }
    }

    /// Stops answering; the host end then times out like a board losing power.
    public func stop() async {
        core.device.deliverArrivals(to: nil)
        core.cancelDeliveries()
        await core.device.close()
    }

    /// Pulls the line's adapter out: the host end fails with `.deviceVanished`
    /// and cannot reopen until `plugIn()`.
    public func unplug() {
        core.device.vanish()
    }

    /// Puts the adapter back; the host end's bus reopens it on its next request.
    public func plugIn() {
        core.device.reappear()
    }

    /// Door states of one board right now (for tests and the demo).
    public func doorStates(address: Int) -> [DoorState] {
        core.state.withLock { wire in
            guard let board = wire.line.board(at: address) else { return [] }
            let now = ContinuousClock.now
            return (1...max(board.doors.channelCount, 1)).map { board.doors.state(of: $0, at: now) }
        }
    }

    /// Opens or closes a door by hand, as a person at the cabinet would.
    public func setDoor(address: Int, channel: Int, open: Bool) {
        core.state.withLock { $0.line.board(at: address)?.doors.setDoor(channel: channel, open: open, at: .now) }
    }

    /// How often a board's lock on `channel` fired.
    public func fireCount(address: Int, channel: Int) -> Int {
        core.state.withLock { $0.line.board(at: address)?.doors.fireCount(of: channel) ?? 0 }
    }
}

/// The device end and the line behind one lock: the host's writes and the
/// delivery task both drive it. Replies are sent under the lock so they keep the
/// order the boards produced them in.
private final class SimulatedLineCore: Sendable {
    let device: InMemoryTransport
    let state: Mutex<LineWire>

    init(device: InMemoryTransport, line: sending SimulatedLine) {
        self.device = device
        state = Mutex(LineWire(line: line))
    }

    /// Bytes the host wrote: the boards take them now, and what they answer at
    /// once is in the host's buffer before the host's write returns.
    func take(_ bytes: [UInt8]) {
        let now = ContinuousClock.now
        state.withLock { wire in
            let due = wire.plan(wire.line.receive(bytes, at: now), at: now)
            if !due.isEmpty { try? device.send(due) }
            scheduleDeliveries(&wire)
        }
    }

    /// Starts a delivery task when something waits for a later instant and no
    /// task will wake up for it in time.
    private func scheduleDeliveries(_ wire: inout LineWire) {
        guard let due = wire.nextDue else { return }
        if wire.deliveries != nil, let target = wire.deliveryTarget, target <= due { return }
        wire.deliveries?.cancel()
        wire.deliveryID &+= 1
        let id = wire.deliveryID
        wire.deliveryTarget = due
        wire.deliveries = Task { await self.deliver(id: id) }
    }

    /// Sends delayed replies and acts on silence, each at its instant, until
    /// nothing waits any more (or a newer task took over).
    private func deliver(id: UInt64) async {
        while true {
            let due = state.withLock { wire -> ContinuousClock.Instant? in
                guard wire.deliveryID == id else { return nil }
                guard let due = wire.nextDue else {
                    wire.deliveries = nil
                    wire.deliveryTarget = nil
                    return nil
                }
                wire.deliveryTarget = due
                return due
            }
            guard let due else { return }
            do {
                try await Task.sleep(until: due, clock: .continuous)
            } catch {
                return
            }
            state.withLock { wire in
                guard wire.deliveryID == id else { return }
                let bytes = wire.release(at: .now)
                if !bytes.isEmpty { try? device.send(bytes) }
            }
        }
    }

    /// Drops every delivery still planned (the line stops answering).
    func cancelDeliveries() {
        state.withLock { wire in
            wire.deliveryID &+= 1
            wire.deliveries?.cancel()
            wire.deliveries = nil
            wire.deliveryTarget = nil
            wire.scheduled.removeAll()
        }
    }
}

/// The line and the replies it scheduled for later.
private struct LineWire {
    var line: SimulatedLine
    /// Replies not yet sent, in the order the boards produced them.
    var scheduled: [ScheduledReply] = []
    var deliveries: Task<Void, Never>?
    var deliveryID: UInt64 = 0
    var deliveryTarget: ContinuousClock.Instant?

    /// Queues the replies of `events` and returns the bytes due at `now` (only
    /// when nothing queued earlier is still waiting: replies keep their order).
    mutating func plan(_ events: [LineEvent], at now: ContinuousClock.Instant) -> [UInt8] {
        for case let .replyScheduled(reply) in events {
            scheduled.append(reply)
        }
        return release(at: now)
    }

    /// Acts on silence that ended by `now` and returns the reply bytes due by then.
    mutating func release(at now: ContinuousClock.Instant) -> [UInt8] {
        if let expiry = line.expiry(), expiry <= now {
            for case let .replyScheduled(reply) in line.expire(at: now) {
                scheduled.append(reply)
            }
        }
        var bytes: [UInt8] = []
        while let head = scheduled.first, head.due <= now {
            bytes += head.bytes
            scheduled.removeFirst()
        }
        return bytes
    }

    /// The next instant something is due: a queued reply or the line's silence.
    var nextDue: ContinuousClock.Instant? {
        [scheduled.first?.due, line.expiry()].compactMap { $0 }.min()
    }
}
