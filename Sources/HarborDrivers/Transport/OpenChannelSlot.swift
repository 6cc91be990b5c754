import Synchronization

/// The open file-descriptor channel of a serial or TCP transport, or none: the
/// part both transports share once the device or socket is open.
final class OpenChannelSlot: Sendable {
    private let channel = Mutex<FileDescriptorChannel?>(nil)

    var isOpen: Bool { channel.withLock { $0 != nil } }

    /// Makes `opened` the channel; when another open won the race, closes `opened`.
    func install(_ opened: FileDescriptorChannel) async {
        let raced = channel.withLock { current -> Bool in
            guard current == nil else { return true }
            current = opened
            return false
        }
        if raced { await opened.close() }
    }

    /// Closes the channel; pending and later reads fail with `.closed`.
    func close() async {
        let closing = channel.withLock { current -> FileDescriptorChannel? in
            let taken = current
            current = nil
            return taken
        }
        await closing?.close()
    }

    func write(_ bytes: [UInt8]) async throws(TransportError) {
        try await current().write(bytes)
    }

    func read(until deadline: ContinuousClock.Instant) async throws(TransportError) -> [UInt8] {
        try await current().received.read(until: deadline)
    }

    func discardInput() async {
        await channel.withLock { $0 }?.discardInput()
    }

    private func current() throws(TransportError) -> FileDescriptorChannel {
        guard let current = channel.withLock({ $0 }) else { throw .closed }
        return current
    }
}
