import Dispatch
import Glibc

/// A TCP connection to a serial-over-TCP bridge or a networked lock controller.
public final class TCPTransport: ByteTransport {
    /// `host:port`.
    public let endpoint: String
    /// The host name or address given to `init`.
    public let host: String
    /// The TCP port.
    public let port: Int
    /// How long a connect may take before it fails with `.connectionFailed`.
    public let connectTimeout: Duration
    private let channel = OpenChannelSlot()

    /// A transport for `host:port`; nothing is connected yet.
    public init(host: String, port: Int, connectTimeout: Duration = .seconds(3)) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        endpoint = "\(host):\(port)"
    }

    /// Connects (every address the host resolves to, in turn) with TCP_NODELAY.
    /// Opening an open transport does nothing.
    public func open() async throws(TransportError) {
        if channel.isOpen { return }
        let deadline = ContinuousClock.now + connectTimeout
        let addresses = try await SocketAddress.resolve(host: host, port: port, endpoint: endpoint)
        var lastReason = "no address for \(host)"
        for address in addresses {
            switch await connect(to: address, deadline: deadline) {
            case let .success(fileDescriptor):
                let opened = FileDescriptorChannel(
                    fileDescriptor: fileDescriptor, endpoint: endpoint, endOfInput: .zeroRead)
                await channel.install(opened)
                return
            case let .failure(reason):
                lastReason = reason.text
            }
        }
        throw .connectionFailed("\(endpoint): \(lastReason)")
    }

    /// Closes the connection; pending and later reads fail with `.closed`.
    public func close() async {
        await channel.close()
    }

    /// Writes every byte; a closed peer gives `.deviceVanished`.
    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try await channel.write(bytes)
    }

    /// Returns the bytes that arrived, waiting until one does or `deadline` passes.
    public func read(until deadline: ContinuousClock.Instant) async throws(TransportError) -> [UInt8] {
        try await channel.read(until: deadline)
    }

    /// Drops received bytes nobody read, including those still in the kernel.
    public func discardInput() async {
        await channel.discardInput()
    }


    private struct ConnectFailure: Error {
        let text: String
    }

    private func connect(
        to address: SocketAddress, deadline: ContinuousClock.Instant
    ) async -> Result<Int32, ConnectFailure> {
        let fileDescriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
            | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fileDescriptor >= 0 else { return .failure(ConnectFailure(text: Self.reason(errno))) }
        var noDelay: Int32 = 1
        // Frames are a few bytes: Nagle would hold each one back for an ACK.
        _ = setsockopt(fileDescriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let started = address.storage.withUnsafeBytes { raw in
            Glibc.connect(fileDescriptor, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), address.length)
        }
        var code: Int32 = started == 0 ? 0 : errno
        if code == EINPROGRESS {
            let queue = DispatchQueue(label: "harbor.connect \(endpoint)")
            switch await WritabilityWait(fileDescriptor: fileDescriptor, queue: queue).wait(until: deadline) {
            case .writable:
                var length = socklen_t(MemoryLayout<Int32>.size)
                if getsockopt(fileDescriptor, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
            case .timedOut, .cancelled:
                _ = Glibc.close(fileDescriptor)
                return .failure(ConnectFailure(text: "no answer within \(connectTimeout)"))
            }
        }
        guard code == 0 else {
            _ = Glibc.close(fileDescriptor)
            return .failure(ConnectFailure(text: Self.reason(code)))
        }
        return .success(fileDescriptor)
    }

    private static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text).lowercased()
    }
}
