import Dispatch
import Glibc

/// One resolved TCP address of a lock controller or serial bridge.
struct SocketAddress: Sendable {
    /// AF_INET or AF_INET6.
    let family: Int32
    /// The raw `sockaddr` bytes.
    let storage: [UInt8]
    let length: socklen_t

    /// Resolves `host` with getaddrinfo. It may wait on DNS, so it runs on a
    /// dispatch queue and never holds a thread of the cooperative pool.
    static func resolve(host: String, port: Int, endpoint: String) async throws(TransportError) -> [SocketAddress] {
        let outcome: Result<[SocketAddress], TransportError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: lookUp(host: host, port: port, endpoint: endpoint))
            }
        }
        return try outcome.get()
    }

    private static func lookUp(host: String, port: Int, endpoint: String) -> Result<[SocketAddress], TransportError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            return .failure(.connectionFailed("\(endpoint): cannot resolve \(host): \(reason)"))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry = list
        while let current = entry {
            let info = current.pointee
            if let address = info.ai_addr, info.ai_family == AF_INET || info.ai_family == AF_INET6 {
                let bytes = UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen))
                addresses.append(SocketAddress(family: info.ai_family, storage: Array(bytes), length: info.ai_addrlen))
            }
            entry = info.ai_next
        }
        return .success(addresses)
    }
}
