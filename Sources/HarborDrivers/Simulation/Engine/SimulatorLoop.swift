import Glibc

/// The simulator's poll loop: descriptors, the line and the replies in flight.
/// Runs on one dedicated thread and never sleeps outside poll(2), whose timeout is
/// the next reply byte or the next partial-frame expiry.
final class SimulatorLoop {
    private static let pseudoTerminalID = 0

    private let line: SimulatedLine
    private let clock = ContinuousClock()
    private var startedAt: ContinuousClock.Instant
    private var pty: SimulatorPseudoTerminal?
    private var listener: SimulatorListener?
    private var connections: [Int: LineConnection] = [:]
    private var frameLog: FrameLogFile?
    /// Owned by the server, which closes it after the loop thread ended.
    private var wake: WakePipe?
    private var nextConnectionID = 1

    init(line: sending SimulatedLine) {
        self.line = line
        startedAt = clock.now
    }

    /// Opens every endpoint `options` asks for, or none of them.
    func open(_ options: SimulatorServerOptions, wake: WakePipe) throws(SimulatorServerError) -> SimulatorEndpoints {
        guard options.pseudoTerminal || options.linkPath != nil || options.tcpPort != nil else {
            throw .noEndpoint
        }
        startedAt = clock.now
        self.wake = wake
        var endpoints = SimulatorEndpoints()
        do throws(SimulatorServerError) {
            if let path = options.frameLogPath { frameLog = try FrameLogFile.open(path: path) }
            if options.pseudoTerminal || options.linkPath != nil {
                let terminal = try SimulatorPseudoTerminal.open(linkPath: options.linkPath)
                pty = terminal
                connections[Self.pseudoTerminalID] = LineConnection(
                    id: Self.pseudoTerminalID, fd: terminal.master, kind: .pseudoTerminal)
                endpoints.pseudoTerminalPath = terminal.path
                endpoints.linkPath = terminal.link
            }
            if let port = options.tcpPort {
                let socket = try SimulatorListener.listen(host: options.bindHost, port: port)
                listener = socket
                endpoints.tcpHost = socket.host
                endpoints.tcpPort = socket.port
            }
        } catch {
            closeAll()
            throw error
        }
        return endpoints
    }

    /// Serves until stop is requested or the line vanishes; closes everything after.
    func run(_ runtime: SimulatorRuntime) {
        defer { closeAll() }
        guard let wake else { return }
        var polled: [pollfd] = []
        var targets: [Int?] = []
        while !runtime.stopRequested.load(ordering: .acquiring) {
            service(runtime)
            if line.hasVanished { return vanish(runtime) }
            polled.removeAll(keepingCapacity: true)
            targets.removeAll(keepingCapacity: true)
            polled.append(pollfd(fd: wake.reader, events: Int16(POLLIN), revents: 0))
            targets.append(nil)
            if let listener {
                polled.append(pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0))
                targets.append(nil)
            }
            for connection in connections.values {
                let events = POLLIN | (connection.wantsWritable ? POLLOUT : 0)
                polled.append(pollfd(fd: connection.fd, events: Int16(events), revents: 0))
                targets.append(connection.id)
            }
            let ready = poll(&polled, nfds_t(polled.count), pollTimeout())
            if ready < 0, errno != EINTR { return }
            guard ready > 0 else { continue }
            if polled[0].revents != 0 { wake.drain() }
            if let listener, polled[1].revents != 0 { admitClients(from: listener) }
            for (entry, target) in zip(polled, targets) where entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                if let target { receive(on: target, runtime) }
                if line.hasVanished { return vanish(runtime) }
            }
        }
    }

    /// Closes every descriptor and removes the link. Closing twice does nothing.
    func closeAll() {
        for connection in connections.values where connection.kind == .tcp {
            _ = close(connection.fd)
        }
        connections.removeAll()
        pty?.close()
        pty = nil
        listener?.close()
        listener = nil
        frameLog?.close()
        frameLog = nil
    }

    /// Writes reply bytes that are due and acts on partial frames gone quiet.
    private func service(_ runtime: SimulatorRuntime) {
        let now = clock.now
        for connection in Array(connections.values) {
            let flush = connection.flushDue(at: now)
            for reply in flush.completed {
                runtime.counters.withLock { $0.repliesSent += 1 }
                record(FrameLogEntry(t: elapsed(at: now), dir: .tx, hex: Hex.string(reply.bytes),
                                     board: reply.board, summary: "reply to \(reply.summary)"), runtime)
            }
            if flush.failure != nil { drop(connection) }
        }
        for id in Array(connections.keys) {
            apply(line.expire(at: now, connection: id), on: id, runtime)
        }
    }

    private func receive(on id: Int, _ runtime: SimulatorRuntime) {
        guard let connection = connections[id] else { return }
        var bytes: [UInt8] = []
        switch PosixDescriptor.read(connection.fd, into: &bytes) {
        case .moved:
            apply(line.receive(bytes, at: clock.now, connection: id), on: id, runtime)
        case .wouldBlock:
            return
        case .endOfFile, .failed:
            // A TCP client left. The pty master cannot hang up while the simulator
            // holds a slave; if it fails anyway, polling it again would spin.
            drop(connection)
        }
    }

    private func apply(_ events: [LineEvent], on id: Int, _ runtime: SimulatorRuntime) {
        guard !events.isEmpty else { return }
        var count = runtime.counters.withLock { counters in
            let before = counters.violations
            counters.count(events)
            return before
        }
        for var entry in FrameLogEntry.entries(for: events, at: elapsed(at: clock.now)) {
            if entry.violation != nil {
                count += 1
                entry.violations = count
            }
            record(entry, runtime)
            if let report = ViolationLogEntry(entry) { runtime.onViolation(report) }
        }
        for case let .replyScheduled(reply) in events {
            connections[id]?.enqueue(reply)
        }
    }

    private func record(_ entry: FrameLogEntry, _ runtime: SimulatorRuntime) {
        frameLog?.append(entry)
        runtime.onFrame(entry)
    }

    private func admitClients(from listener: SimulatorListener) {
        while let client = listener.acceptClient() {
            connections[nextConnectionID] = LineConnection(id: nextConnectionID, fd: client, kind: .tcp)
            nextConnectionID += 1
        }
    }

    private func drop(_ connection: LineConnection) {
        connections[connection.id] = nil
        line.forget(connection: connection.id)
        if connection.kind == .tcp {
            _ = close(connection.fd)
        } else {
            pty?.close()
            pty = nil
        }
    }

    /// The line is gone: close it without answering, as a pulled USB adapter would.
    private func vanish(_ runtime: SimulatorRuntime) {
        closeAll()
        runtime.vanished.store(true, ordering: .releasing)
        runtime.onVanish()
    }

    /// Milliseconds until the next due byte or partial-frame expiry, rounded up so
    /// the loop never wakes early and spins; -1 when nothing is timed.
    private func pollTimeout() -> Int32 {
        var deadline: ContinuousClock.Instant?
        for (id, connection) in connections {
            for candidate in [connection.nextDue, line.expiry(connection: id)] {
                if let candidate, deadline.map({ candidate < $0 }) ?? true { deadline = candidate }
            }
        }
        guard let deadline else { return -1 }
        let wait = clock.now.duration(to: deadline)
        guard wait > .zero else { return 0 }
        let (seconds, attoseconds) = wait.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(milliseconds, 60_000))
    }

    private func elapsed(at now: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = startedAt.duration(to: now).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
