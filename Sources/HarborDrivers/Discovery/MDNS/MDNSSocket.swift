import Glibc

/// Where mDNS packets go: the group 224.0.0.251 on port 5353, or, in tests that
/// must stay on plain loopback, a unicast address and port.
struct MDNSEndpoint: Hashable, Sendable {
    let address: IPv4Address
    let port: UInt16

    /// 224.0.0.251:5353 (RFC 6762 §3).
    static let standard = MDNSEndpoint(address: .multicastDNSGroup, port: 5353)

    var isMulticast: Bool { address.isMulticast }
}

/// One datagram as it arrived.
struct MDNSDatagram: Sendable {
    let bytes: [UInt8]
    let source: IPv4Address
    let sourcePort: UInt16
}

/// A non-blocking IPv4 UDP socket with the options mDNS needs. The poll loop that
/// owns it is its only user; `close()` is called once, by that owner.
struct MDNSSocket: Sendable {
    let fd: Int32

    /// A socket bound to `port` (0 = any free port) on `address` (every address by
    /// default, which multicast reception needs). With `sharingPort` it sets
    /// SO_REUSEADDR and SO_REUSEPORT, so it binds 5353 next to avahi-daemon or
    /// python-zeroconf; multicast datagrams reach every socket.
    static func open(port: UInt16, sharingPort: Bool, address local: IPv4Address = .any) throws(DiscoveryError) -> MDNSSocket {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .socketFailed(operation: "socket", errno: errno) }
        let socket = MDNSSocket(fd: fd)
        do throws(DiscoveryError) {
            if sharingPort {
                try socket.set(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR")
                try socket.set(SOL_SOCKET, SO_REUSEPORT, 1, "SO_REUSEPORT")
            }
            // RFC 6762 §11: mDNS packets leave with IP TTL 255. Loop on, so a
            // browser and a responder on one host hear each other.
            try socket.set(Int32(IPPROTO_IP), IP_MULTICAST_TTL, 255, "IP_MULTICAST_TTL")
            try socket.set(Int32(IPPROTO_IP), IP_MULTICAST_LOOP, 1, "IP_MULTICAST_LOOP")
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr = local.inAddress
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else { throw .socketFailed(operation: "bind to \(local):\(port)", errno: errno) }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Joins the mDNS group on the interface holding `interface`. Joining twice on
    /// one interface (two addresses of it) answers EADDRINUSE, which is fine.
    func join(_ group: IPv4Address, on interface: IPv4Address) throws(DiscoveryError) {
        var request = ip_mreq(imr_multiaddr: group.inAddress, imr_interface: interface.inAddress)
        let joined = setsockopt(fd, Int32(IPPROTO_IP), IP_ADD_MEMBERSHIP, &request,
                                socklen_t(MemoryLayout<ip_mreq>.size))
        guard joined == 0 || errno == EADDRINUSE else {
            throw .socketFailed(operation: "IP_ADD_MEMBERSHIP on \(interface)", errno: errno)
        }
    }

    /// Sends one datagram; multicast leaves through the interface holding `interface`.
    func send(_ bytes: [UInt8], to endpoint: MDNSEndpoint, via interface: IPv4Address?) throws(DiscoveryError) {
        if let interface, endpoint.isMulticast {
            var outgoing = interface.inAddress
            guard setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_IF, &outgoing,
                             socklen_t(MemoryLayout<in_addr>.size)) == 0 else {
                throw .socketFailed(operation: "IP_MULTICAST_IF \(interface)", errno: errno)
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = endpoint.port.bigEndian
        address.sin_addr = endpoint.address.inAddress
        let sent = bytes.withUnsafeBytes { raw in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL), $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard sent >= 0 else { throw .socketFailed(operation: "sendto \(endpoint.address):\(endpoint.port)", errno: errno) }
    }

    /// The next waiting datagram, or nil when none waits (or on a transient error).
    func receive() -> MDNSDatagram? {
        var buffer = [UInt8](repeating: 0, count: 9000)
        var source = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &source) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
                }
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            let sender = IPv4Address(bytes: withUnsafeBytes(of: source.sin_addr) { Array($0) }) ?? .any
            return MDNSDatagram(bytes: Array(buffer[0..<count]), source: sender, sourcePort: UInt16(bigEndian: source.sin_port))
        }
    }

    /// The port the socket is bound to.
    var localPort: UInt16? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return named == 0 ? UInt16(bigEndian: address.sin_port) : nil
    }

    func close() {
        _ = Glibc.close(fd)
    }

    private func set(_ level: Int32, _ option: Int32, _ value: Int32, _ name: String) throws(DiscoveryError) {
        var value = value
        guard setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw .socketFailed(operation: name, errno: errno)
        }
    }
}
