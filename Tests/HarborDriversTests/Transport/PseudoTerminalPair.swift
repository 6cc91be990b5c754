import Glibc
@testable import HarborDrivers

/// A pty standing in for a USB-RS485 adapter: the transport opens the slave by
/// path, the test plays the board on the master through a non-blocking channel.
final class PseudoTerminalPair: Sendable {
    let slavePath: String
    let master: FileDescriptorChannel
    let masterDescriptor: Int32
    private let slaveDescriptor: Int32

    init() throws {
        var masterDescriptor: Int32 = -1
        var slaveDescriptor: Int32 = -1
        guard openpty(&masterDescriptor, &slaveDescriptor, nil, nil, nil) == 0,
              let name = ttyname(slaveDescriptor)
        else { throw TransportError.system(operation: "openpty", errno: errno) }
        slavePath = String(cString: name)
        // Held open (without a lock) so the master does not see a hangup before
        // the transport under test opens the slave.
        self.slaveDescriptor = slaveDescriptor
        _ = fcntl(masterDescriptor, F_SETFL, fcntl(masterDescriptor, F_GETFL) | O_NONBLOCK)
        self.masterDescriptor = masterDescriptor
        master = FileDescriptorChannel(fileDescriptor: masterDescriptor, endpoint: "pty master", endOfInput: .hangup)
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

    /// Hangs up the line (the adapter is pulled).
    func hangUp() async {
        await master.close()
        _ = Glibc.close(slaveDescriptor)
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
