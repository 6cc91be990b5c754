import Glibc
import Synchronization
import Testing
@testable import HarborDrivers

/// A listening socket on 127.0.0.1 playing a serial-over-TCP bridge.
final class LoopbackBridge: Sendable {
    private struct Holdings {
        var isListening = true
        var transports: [TCPTransport] = []
        var peers: [FileDescriptorChannel] = []
    }

    let port: Int
    private let listener: Int32
    private let holdings = Mutex(Holdings())

    init(backlog: Int32 = 4) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw TransportError.system(operation: "socket", errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, backlog) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            _ = Glibc.close(listener)
            throw TransportError.system(operation: "listen", errno: code)
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `body` with a fresh bridge, then closes the transports made with
    /// `transport(connectTimeout:)`, the accepted connections and the listener,
    /// also when `body` throws.
    static func withBridge<Value>(
        backlog: Int32 = 4, _ body: (LoopbackBridge) async throws -> Value
    ) async throws -> Value {
        let bridge = try LoopbackBridge(backlog: backlog)
        do {
            let value = try await body(bridge)
            await bridge.release()
            return value
        } catch {
            await bridge.release()
            throw error
        }
    }

    /// A transport to this bridge, closed when `withBridge` ends.
    func transport(connectTimeout: Duration = .seconds(3)) -> TCPTransport {
        let transport = TCPTransport(host: "127.0.0.1", port: port, connectTimeout: connectTimeout)
        holdings.withLock { $0.transports.append(transport) }
        return transport
    }

    /// Takes the connection a transport just made (the handshake is already done,
    /// so accept does not wait) as a non-blocking channel, closed when `withBridge` ends.
    func accept() throws -> FileDescriptorChannel {
        let peer = Glibc.accept(listener, nil, nil)
        guard peer >= 0 else { throw TransportError.system(operation: "accept", errno: errno) }
        _ = fcntl(peer, F_SETFL, fcntl(peer, F_GETFL) | O_NONBLOCK)
        let channel = FileDescriptorChannel(fileDescriptor: peer, endpoint: "bridge", endOfInput: .zeroRead)
        holdings.withLock { $0.peers.append(channel) }
        return channel
    }

    /// Stops listening. Stopping twice does nothing: the listener's number may
    /// already belong to another test's descriptor.
    func stop() {
        let wasListening = holdings.withLock { holdings in
            defer { holdings.isListening = false }
            return holdings.isListening
        }
        if wasListening { _ = Glibc.close(listener) }
    }

    /// Closes everything the bridge handed out (each close is idempotent), then stops.
    private func release() async {
        let (transports, peers) = holdings.withLock { ($0.transports, $0.peers) }
        for transport in transports { await transport.close() }
        for peer in peers { await peer.close() }
        stop()
    }
}

@Suite struct TCPTransportTests {
    @Test func bytesFlowBothWaysOverLoopback() async throws {
        try await LoopbackBridge.withBridge { bridge in
            let transport = bridge.transport()
            #expect(transport.endpoint == "127.0.0.1:\(bridge.port)")
            try await transport.open()
            try await transport.open()
            let board = try bridge.accept()

            let request: [UInt8] = [0x8A, 0x01, 0x01, 0x11, 0x9B]
            try await transport.write(request)
            let atBoard = try await PseudoTerminalPair.collect(count: 5) { deadline async throws(TransportError) in
                try await board.received.read(until: deadline)
            }
            #expect(atBoard == request)

            let reply: [UInt8] = [0x8A, 0x01, 0x01, 0x00, 0x8A, 0x03, 0x11, 0x13]
            try await board.write(reply)
            let atHost = try await PseudoTerminalPair.collect(count: reply.count) { deadline async throws(TransportError) in
                try await transport.read(until: deadline)
            }
            #expect(atHost == reply)
        }
    }

    @Test func refusedPortIsConnectionFailed() async throws {
        try await LoopbackBridge.withBridge { bridge in
            bridge.stop()
            let port = bridge.port
            let transport = bridge.transport(connectTimeout: .seconds(2))
            let outcome = await transportOutcome { () async throws(TransportError) in try await transport.open() }
            guard case let .failure(.connectionFailed(reason)) = outcome else {
                Issue.record("expected connectionFailed, got \(outcome)")
                return
            }
            #expect(reason.hasPrefix("127.0.0.1:\(port): "))
            #expect(reason.contains("refused"))
            await #expect(throws: TransportError.closed) { try await transport.write([1]) }
        }
    }

    @Test func bridgeThatNeverAcceptsTimesOut() async throws {
        // A full accept queue makes the kernel drop further SYNs: the connect hangs.
        try await LoopbackBridge.withBridge(backlog: 0) { bridge in
            var outcome: Result<Void, TransportError> = .success(())
            var elapsed: Duration = .zero
            // The first connects fill the queue; the first one that fails is the subject.
            for _ in 0..<5 {
                let transport = bridge.transport(connectTimeout: .milliseconds(200))
                let started = ContinuousClock.now
                outcome = await transportOutcome { () async throws(TransportError) in try await transport.open() }
                elapsed = ContinuousClock.now - started
                guard case .success = outcome else { break }
            }
            guard case let .failure(.connectionFailed(reason)) = outcome else {
                Issue.record("expected connectionFailed, got \(outcome)")
                return
            }
            #expect(reason.hasPrefix("127.0.0.1:\(bridge.port): no answer within"))
            #expect(elapsed >= .milliseconds(190))
            #expect(elapsed < .seconds(1))
        }
    }

    @Test func peerClosingIsDeviceVanished() async throws {
        try await LoopbackBridge.withBridge { bridge in
            let transport = bridge.transport()
            try await transport.open()
            let board = try bridge.accept()
            async let pending = transportOutcome { () async throws(TransportError) -> [UInt8] in
                try await transport.read(until: .now + .seconds(5))
            }
            try await Task.sleep(for: .milliseconds(30))
            let closedAt = ContinuousClock.now
            await board.close()
            let outcome = await pending
            #expect(throws: TransportError.deviceVanished(transport.endpoint)) { try outcome.get() }
            #expect(ContinuousClock.now - closedAt < .milliseconds(300))
            await #expect(throws: TransportError.deviceVanished(transport.endpoint)) { try await transport.write([1]) }
            // Close and open again reconnects to the bridge.
            await transport.close()
            try await transport.open()
            let again = try bridge.accept()
            try await again.write([0x42])
            #expect(try await transport.read(until: .now + .seconds(1)) == [0x42])
        }
    }
}
