import Glibc

/// A listening TCP socket: every client that connects is one more host on the
/// simulated line, like a TCP-to-RS485 bridge in front of the boards.
final class SimulatorListener {
    let fd: Int32
    /// The host it listens on, as given.
    let host: String
    /// The bound port (the one the system picked when asked for port 0).
    let port: Int
    private var isOpen = true

    private init(fd: Int32, host: String, port: Int) {
        self.fd = fd
        self.host = host
        self.port = port
    }

    /// Listens on `host`:`port` (numeric or resolvable host; port 0 = any free).
    static func listen(host: String, port: Int) throws(SimulatorServerError) -> SimulatorListener {
        guard (0...65535).contains(port) else {
            throw .tcpListenFailed(endpoint: "\(host):\(port)", errno: EINVAL)
        }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            throw .badBindHost(host)
        }
        defer { freeaddrinfo(first) }
        var lastError: Int32 = EADDRNOTAVAIL
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { lastError = errno; continue }
            var reuse: Int32 = 1
            let bound = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size)) == 0
                && bind(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0
                && Glibc.listen(fd, 16) == 0
                && PosixDescriptor.prepare(fd)
            guard bound, let boundPort = localPort(of: fd) else {
                lastError = errno
                _ = Glibc.close(fd)
                continue
            }
            return SimulatorListener(fd: fd, host: host, port: boundPort)
        }
        throw .tcpListenFailed(endpoint: "\(host):\(port)", errno: lastError)
    }

    /// The next waiting client, non-blocking and without Nagle delay (replies are
    /// tiny and latency is what the simulator models), or nil when none waits.
    func acceptClient() -> Int32? {
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return nil }
        guard PosixDescriptor.prepare(client) else {
            _ = Glibc.close(client)
            return nil
        }
        var noDelay: Int32 = 1
        _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        return client
    }

    /// Stops listening. Closing twice does nothing.
    func close() {
        guard isOpen else { return }
        isOpen = false
        _ = Glibc.close(fd)
    }

    private static func localPort(of fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            return nil
        }
    }
}
