import Dispatch
import Glibc
import Synchronization

/// One open, non-blocking file descriptor (a serial line or a TCP socket) with a
/// dispatch read source feeding a `ReceiveBuffer`: the receive machinery serial
/// and TCP transports share.
///
/// The channel owns the descriptor from `init` and closes it in `close()`, only
/// after every dispatch source on it is unregistered (libdispatch must never see a
/// closed or reused descriptor).
final class FileDescriptorChannel: Sendable {
    /// What a zero-byte read means on this descriptor.
    enum EndOfInput: Sendable {
        /// A socket: zero bytes means the peer closed the connection.
        case zeroRead
        /// A terminal with VMIN=0: zero bytes means "nothing now"; only a hangup
        /// (POLLHUP/POLLERR, the adapter unplugged, the pty master closed) ends it.
        case hangup
    }

    private struct State {
        var isClosed = false
        var readSource: DispatchSourceHandle?
        var writeWait: WritabilityWait?
    }

    /// How long a write may wait for the device to take bytes before it fails.
    /// Frames are tens of bytes and no flow control is used, so a line that takes
    /// nothing for this long is broken.
    static let writeStallLimit: Duration = .seconds(2)

    let fileDescriptor: Int32
    /// The device path or `host:port`, for errors.
    let endpoint: String
    let received: ReceiveBuffer
    private let endOfInput: EndOfInput
    private let queue: DispatchQueue
    private let sources = DispatchGroup()
    private let state = Mutex(State())

    init(fileDescriptor: Int32, endpoint: String, endOfInput: EndOfInput) {
        self.fileDescriptor = fileDescriptor
        self.endpoint = endpoint
        self.endOfInput = endOfInput
        let queue = DispatchQueue(label: "harbor.transport \(endpoint)", qos: .userInteractive)
        self.queue = queue
        received = ReceiveBuffer(timerQueue: queue)
        let source = DispatchSource.makeReadSource(fileDescriptor: fileDescriptor, queue: queue)
        sources.enter()
        source.setEventHandler { [self] in drainDescriptor() }
        source.setCancelHandler { [sources] in sources.leave() }
        state.withLock { $0.readSource = DispatchSourceHandle(source: source) }
        source.resume()
    }

    /// Writes every byte, waiting for writability on EAGAIN without holding a thread.
    func write(_ bytes: [UInt8]) async throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            if let failure = received.failure { throw failure }
            let written = bytes[offset...].withUnsafeBytes { raw in
                switch endOfInput {
                case .zeroRead: Glibc.send(fileDescriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
                case .hangup: Glibc.write(fileDescriptor, raw.baseAddress, raw.count)
                }
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = written < 0 ? errno : EAGAIN
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                try await waitUntilWritable()
            default:
                let error = Self.error(forIOErrno: code, operation: "write", endpoint: endpoint)
                received.fail(error)
                throw error
            }
        }
    }

    /// Drops bytes already buffered and any still in the kernel, in order with the
    /// read source (both run on the channel's queue).
    func discardInput() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                // Once the read source is gone the descriptor may be closed and its
                // number reused, so it must not be read any more.
                if state.withLock({ $0.readSource != nil }) { drainDescriptor() }
                received.discard()
                continuation.resume()
            }
        }
    }

    /// Fails pending reads with `.closed`, stops the sources, then closes the descriptor.
    func close() async {
        let closing = state.withLock { state -> (source: DispatchSourceHandle?, writeWait: WritabilityWait?)? in
            guard !state.isClosed else { return nil }
            state.isClosed = true
            let taken = (state.readSource, state.writeWait)
            state.readSource = nil
            return taken
        }
        received.fail(.closed)
        guard let closing else { return }
        closing.writeWait?.cancel()
        closing.source?.source.cancel()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            sources.notify(queue: queue) { [fileDescriptor] in
                _ = Glibc.close(fileDescriptor)
                continuation.resume()
            }
        }
    }

    private func waitUntilWritable() async throws(TransportError) {
        let wait = WritabilityWait(fileDescriptor: fileDescriptor, queue: queue)
        let registered = state.withLock { state -> Bool in
            guard !state.isClosed else { return false }
            state.writeWait = wait
            sources.enter()
            return true
        }
        guard registered else { throw .closed }
        let outcome = await wait.wait(until: .now + Self.writeStallLimit)
        state.withLock { state in
            if state.writeWait === wait { state.writeWait = nil }
        }
        sources.leave()
        switch outcome {
        case .writable: return
        case .cancelled: throw received.failure ?? .closed
        case .timedOut: throw .system(operation: "write", errno: ETIMEDOUT)
        }
    }

    /// Reads everything the kernel holds into the receive buffer; runs on `queue`.
    private func drainDescriptor() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                received.append(Array(chunk[0..<count]))
                continue
            }
            if count == 0 {
                if endOfInput == .zeroRead || hasHungUp() { vanish(.deviceVanished(endpoint)) }
                return
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return
            case let code: vanish(Self.error(forIOErrno: code, operation: "read", endpoint: endpoint))
            }
            return
        }
    }

    private func hasHungUp() -> Bool {
        var probe = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&probe, 1, 0) == 1 else { return false }
        return Int32(probe.revents) & (POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Fails reads and stops the read source, which would otherwise fire forever
    /// on a hung-up descriptor. The descriptor stays open until `close()`.
    private func vanish(_ error: TransportError) {
        received.fail(error)
        let source = state.withLock { state -> DispatchSourceHandle? in
            let source = state.readSource
            state.readSource = nil
            return source
        }
        source?.source.cancel()
    }

    /// Errors of a read or write on an open descriptor: the ones that mean the
    /// device or peer is gone become `.deviceVanished`.
    static func error(forIOErrno code: Int32, operation: String, endpoint: String) -> TransportError {
        switch code {
        case EIO, ENXIO, ENODEV, EBADF, EPIPE, ECONNRESET, ECONNABORTED, ENOTCONN, ETIMEDOUT, EHOSTUNREACH,
            ENETDOWN, ENETUNREACH:
            .deviceVanished(endpoint)
        default:
            .system(operation: operation, errno: code)
        }
    }
}
