import Dispatch
import Synchronization

/// One end of an in-process byte link: what one side writes arrives at the other
/// side's `read`. Tests and the simulator use it in place of a serial line, with
/// fault controls to make a device vanish and return.
public final class InMemoryTransport: ByteTransport {
    /// `memory:<name>` for the host end, `memory:<name>/device` for the device end.
    public let endpoint: String
    private let link: InMemoryLink
    private let side: Int

    private init(endpoint: String, link: InMemoryLink, side: Int) {
        self.endpoint = endpoint
        self.link = link
        self.side = side
    }

    /// Two connected ends: the host end for a bus, the device end for a board.
    public static func pair(name: String = "bus") -> (host: InMemoryTransport, device: InMemoryTransport) {
        let link = InMemoryLink(name: name)
        return (
            InMemoryTransport(endpoint: link.endpoint(of: 0), link: link, side: 0),
            InMemoryTransport(endpoint: link.endpoint(of: 1), link: link, side: 1)
        )
    }

    /// Opens this end; throws `.deviceNotFound` while the other end has vanished.
    public func open() async throws(TransportError) {
        try link.state.withLock { (state) throws(TransportError) in
            guard !state.ends[side].isOpen else { return }
            guard !state.ends[1 - side].hasVanished else { throw .deviceNotFound(endpoint) }
            state.ends[side].isOpen = true
            state.ends[side].received = ReceiveBuffer(timerQueue: link.timerQueue)
        }
    }

    /// Closes this end; pending and later reads fail with `.closed`.
    public func close() async {
        let buffer = link.state.withLock { state -> ReceiveBuffer? in
            guard state.ends[side].isOpen else { return nil }
            state.ends[side].isOpen = false
            return state.ends[side].received
        }
        buffer?.fail(.closed)
    }

    /// Delivers the bytes to the other end (dropped when it is closed, or when this
    /// end has vanished: nobody is on the wire).
    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try send(bytes)
    }

    /// `write` without suspending, for a simulated board answering from inside the
    /// host's own write.
    public func send(_ bytes: [UInt8]) throws(TransportError) {
        enum Receiver {
            case buffer(ReceiveBuffer)
            case handler(@Sendable ([UInt8]) -> Void)
        }
        let receiver = try link.state.withLock { (state) throws(TransportError) -> Receiver? in
            guard state.ends[side].isOpen else { throw .closed }
            if let failure = state.ends[side].received.failure { throw failure }
            state.ends[side].written.append(bytes)
            // A simulated cabinet runs for days: keep only the recent frames.
            if state.ends[side].written.count > InMemoryLink.writtenFramesKept {
                state.ends[side].written.removeFirst(InMemoryLink.writtenFramesKept / 2)
            }
            let peer = state.ends[1 - side]
            guard peer.isOpen, !state.ends[side].hasVanished else { return nil }
            return peer.arrivals.map(Receiver.handler) ?? .buffer(peer.received)
        }
        // Outside the lock: a handler may answer through the other end at once.
        switch receiver {
        case let .buffer(buffer): buffer.append(bytes)
        case let .handler(handler): handler(bytes)
        case nil: break
        }
    }

    /// Hands what the other end writes to `handler` at once, on the writer's task,
    /// instead of buffering it for `read` (nil goes back to buffering). An
    /// in-process board answers this way without a task of its own per frame.
    public func deliverArrivals(to handler: (@Sendable ([UInt8]) -> Void)?) {
        link.state.withLock { $0.ends[side].arrivals = handler }
    }

    /// Returns the bytes that arrived, waiting until one does or `deadline` passes.
    public func read(until deadline: ContinuousClock.Instant) async throws(TransportError) -> [UInt8] {
        let buffer = link.state.withLock { state in
            state.ends[side].isOpen ? state.ends[side].received : nil
        }
        guard let buffer else { throw .closed }
        return try await buffer.read(until: deadline)
    }

    /// Drops received bytes nobody read.
    public func discardInput() async {
        link.state.withLock { $0.ends[side].received }.discard()
    }

    /// Makes this end disappear (a USB adapter pulled): the other end's reads and
    /// writes fail with `.deviceVanished` and its `open()` throws `.deviceNotFound`
    /// until `reappear()`.
    public func vanish() {
        let peer = link.state.withLock { state -> (buffer: ReceiveBuffer, endpoint: String)? in
            state.ends[side].hasVanished = true
            let peer = state.ends[1 - side]
            return peer.isOpen ? (peer.received, link.endpoint(of: 1 - side)) : nil
        }
        peer?.buffer.fail(.deviceVanished(peer?.endpoint ?? endpoint))
    }

    /// Brings a vanished end back; the other end reopens it with close and open.
    public func reappear() {
        link.state.withLock { $0.ends[side].hasVanished = false }
    }

    /// The `write`s this end made, in order (the frames a board or bus sent); the
    /// oldest are forgotten past a few thousand.
    public var writtenFrames: [[UInt8]] {
        link.state.withLock { $0.ends[side].written }
    }

    /// Whether this end is open.
    public var isOpen: Bool {
        link.state.withLock { $0.ends[side].isOpen }
    }
}

/// The shared wire between the two ends of an in-memory pair.
private final class InMemoryLink: Sendable {
    struct End {
        var isOpen = false
        var hasVanished = false
        var written: [[UInt8]] = []
        var received: ReceiveBuffer
        var arrivals: (@Sendable ([UInt8]) -> Void)?
    }

    struct State {
        var ends: [End]
    }

    static let writtenFramesKept = 4096

    let name: String
    let timerQueue: DispatchQueue
    let state: Mutex<State>

    init(name: String) {
        self.name = name
        let timerQueue = DispatchQueue(label: "harbor.memory \(name)", qos: .userInteractive)
        self.timerQueue = timerQueue
        // A closed end's buffer fails reads with `.closed` until `open()` replaces it.
        let closedEnd = {
            let buffer = ReceiveBuffer(timerQueue: timerQueue)
            buffer.fail(.closed)
            return End(received: buffer)
        }
        state = Mutex(State(ends: [closedEnd(), closedEnd()]))
    }

    func endpoint(of side: Int) -> String {
        side == 0 ? "memory:\(name)" : "memory:\(name)/device"
    }
}
