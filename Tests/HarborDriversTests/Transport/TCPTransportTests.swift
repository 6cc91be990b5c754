import Glibc
import Testing
@testable import HarborDrivers

/// A listening socket on 127.0.0.1 playing a serial-over-TCP bridge.
final class LoopbackBridge: Sendable {
    let port: Int
    private let listener: Int32

    init(backlog: Int32 = 4) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
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
        guard listener >= 0, bound else { throw TransportError.system(operation: "listen", errno: errno) }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Takes the connection a transport just made (the handshake is already done,
    /// so accept does not wait) as a non-blocking channel.
    func accept() throws -> FileDescriptorChannel {
        let peer = Glibc.accept(listener, nil, nil)
        guard peer >= 0 else { throw TransportError.system(operation: "accept", errno: errno) }
        _ = fcntl(peer, F_SETFL, fcntl(peer, F_GETFL) | O_NONBLOCK)
        return FileDescriptorChannel(fileDescriptor: peer, endpoint: "bridge", endOfInput: .zeroRead)
    }

    func stop() {
        _ = Glibc.close(listener)
    }
}

@Suite struct TCPTransportTests {
    @Test func bytesFlowBothWaysOverLoopback() async throws {
        let bridge = try LoopbackBridge()
        let transport = TCPTransport(host: "127.0.0.1", port: bridge.port)
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

        await transport.close()
        await board.close()
        bridge.stop()
    }

    @Test func refusedPortIsConnectionFailed() async throws {
        let bridge = try LoopbackBridge()
        let port = bridge.port
        bridge.stop()
        let transport = TCPTransport(host: "127.0.0.1", port: port, connectTimeout: .seconds(2))
        let outcome = await transportOutcome { () async throws(TransportError) in try await transport.open() }
        guard case let .failure(.connectionFailed(reason)) = outcome else {
            Issue.record("expected connectionFailed, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("127.0.0.1:\(port): "))
        #expect(reason.contains("refused"))
        await #expect(throws: TransportError.closed) { try await transport.write([1]) }
    }

    @Test func bridgeThatNeverAcceptsTimesOut() async throws {
        // A full accept queue makes the kernel drop further SYNs: the connect hangs.
        let bridge = try LoopbackBridge(backlog: 0)
        var connected: [TCPTransport] = []
        var outcome: Result<Void, TransportError> = .success(())
        var elapsed: Duration = .zero
        // The first connects fill the queue; the first one that fails is the subject.
        for _ in 0..<5 {
            let transport = TCPTransport(host: "127.0.0.1", port: bridge.port, connectTimeout: .milliseconds(200))
            let started = ContinuousClock.now
            outcome = await transportOutcome { () async throws(TransportError) in try await transport.open() }
            elapsed = ContinuousClock.now - started
            guard case .success = outcome else { break }
            connected.append(transport)
        }
        guard case let .failure(.connectionFailed(reason)) = outcome else {
            Issue.record("expected connectionFailed, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("127.0.0.1:\(bridge.port): no answer within"))
        #expect(elapsed >= .milliseconds(190))
        #expect(elapsed < .seconds(1))
        for transport in connected { await transport.close() }
        bridge.stop()
    }

    @Test func peerClosingIsDeviceVanished() async throws {
        let bridge = try LoopbackBridge()
        let transport = TCPTransport(host: "127.0.0.1", port: bridge.port)
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
        await transport.close()
        await again.close()
        bridge.stop()
    }
}
