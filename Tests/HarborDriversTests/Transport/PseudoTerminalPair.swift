import Glibc
import Synchronization
@testable import HarborDrivers

/// A pty standing in for a USB-RS485 adapter: the transport opens the slave by
/// path, the test plays the board on the master through a non-blocking channel.
final class PseudoTerminalPair: Sendable {
    private struct Holdings {
        var slaveIsOpen = true
        var transports: [SerialTransport] = []
    }

    let slavePath: String
    let master: FileDescriptorChannel
    let masterDescriptor: Int32
    private let slaveDescriptor: Int32
    private let holdings = Mutex(Holdings())

    init() throws {
        var masterDescriptor: Int32 = -1
        var slaveDescriptor: Int32 = -1
        guard openpty(&masterDescriptor, &slaveDescriptor, nil, nil, nil) == 0 else {
            throw TransportError.system(operation: "openpty", errno: errno)
        }
        // ttyname_r, not ttyname: ttyname's one static buffer is shared by tests
        // running in parallel, so a pair could take another pair's path; its
        // transport would then flock that line and the other test's open would fail
        // with "/dev/pts/N is in use by another process".
        var name = [CChar](repeating: 0, count: 128)
        let nameError = ttyname_r(slaveDescriptor, &name, name.count)
        guard nameError == 0 else {
            _ = Glibc.close(masterDescriptor)
            _ = Glibc.close(slaveDescriptor)
            throw TransportError.system(operation: "ttyname_r", errno: nameError)
        }
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Held open (without a lock) so the master does not see a hangup before
        // the transport under test opens the slave.
        self.slaveDescriptor = slaveDescriptor
        _ = fcntl(masterDescriptor, F_SETFL, fcntl(masterDescriptor, F_GETFL) | O_NONBLOCK)
        self.masterDescriptor = masterDescriptor
        master = FileDescriptorChannel(fileDescriptor: masterDescriptor, endpoint: "pty master", endOfInput: .hangup)
    }

    /// Runs `body` with a fresh pair, then closes every transport made with
    /// `transport(baudRate:)` and hangs the pair up, also when `body` throws: a
    /// failed test leaves no descriptor (and no flock) behind.
    static func withPair<Value>(_ body: (PseudoTerminalPair) async throws -> Value) async throws -> Value {
        let pair = try PseudoTerminalPair()
        do {
            let value = try await body(pair)
            await pair.release()
            return value
        } catch {
            await pair.release()
            throw error
        }
    }

    /// A serial transport on the slave, closed when `withPair` ends.
    func transport(baudRate: Int) -> SerialTransport {
        let transport = SerialTransport(path: slavePath, baudRate: baudRate)
        holdings.withLock { $0.transports.append(transport) }
        return transport
    }

    /// The slave's line settings, read through the master (a pty shares them).
    func lineSettings() -> termios {
        var settings = termios()
        _ = tcgetattr(masterDescriptor, &settings)
        return settings
    }

    /// Sends bytes as the board would.
    func send(_ bytes: [UInt8]) async throws {
        try await master.write(bytes)
    }

    /// Collects what the transport wrote until `count` bytes arrived or a second passed.
    func receive(count: Int) async throws -> [UInt8] {
        try await Self.collect(count: count) { deadline async throws(TransportError) in
            try await self.master.received.read(until: deadline)
        }
    }

    /// Hangs up the line (the adapter is pulled). Hanging up twice does nothing:
    /// the slave's number may already belong to another test's descriptor.
    func hangUp() async {
        await master.close()
        let slaveWasOpen = holdings.withLock { holdings in
            defer { holdings.slaveIsOpen = false }
            return holdings.slaveIsOpen
        }
        if slaveWasOpen { _ = Glibc.close(slaveDescriptor) }
    }

    /// Closes the transports (each close is idempotent), then hangs up.
    private func release() async {
        let transports = holdings.withLock { $0.transports }
        for transport in transports { await transport.close() }
        await hangUp()
    }

    /// Reads with `read` until `count` bytes arrived or a second passed.
    static func collect(
        count: Int,
        read: (ContinuousClock.Instant) async throws(TransportError) -> [UInt8]
    ) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + .seconds(1)
        var bytes: [UInt8] = []
        while bytes.count < count, ContinuousClock.now < deadline {
            bytes += try await read(deadline)
        }
        return bytes
    }
}

/// The outcome of a transport call, kept for later checks.
func transportOutcome<Value: Sendable>(
    _ body: @Sendable () async throws(TransportError) -> Value
) async -> Result<Value, TransportError> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
