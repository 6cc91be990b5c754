import Glibc

/// Where systemd listens for notifications: a socket file, or a name in the
/// abstract namespace (written `@name` in `NOTIFY_SOCKET`).
public struct NotifySocketAddress: Sendable, Equatable {
    /// The bytes of `sun_path` that matter: the path, or a NUL followed by the abstract name.
    public let pathBytes: [UInt8]
    /// Whether the address lives in the abstract namespace.
    public var isAbstract: Bool { pathBytes.first == 0 }

    /// Parses the value of `NOTIFY_SOCKET`.
    public init(_ text: String) throws(NotifyError) {
        let bytes = Array(text.utf8)
        let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        switch bytes.first {
        case UInt8(ascii: "@") where bytes.count > 1:
            // The abstract name is not NUL-terminated: its length is the address length.
            guard bytes.count <= capacity else { throw .addressTooLong(text) }
            pathBytes = [0] + bytes.dropFirst()
        case UInt8(ascii: "/"):
            // Keep room for the terminating NUL a path carries.
            guard bytes.count < capacity, !bytes.contains(0) else { throw .addressTooLong(text) }
            pathBytes = bytes
        default:
            throw .unsupportedAddress(text)
        }
    }

    /// Calls `body` with the socket address and its exact length.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? MemoryLayout<sa_family_t>.size
        // An abstract name counts every byte after the leading NUL and no more, or
        // the kernel would look for a different name padded with NULs.
        let length = pathOffset + pathBytes.count + (isAbstract ? 0 : 1)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(length)) }
        }
    }
}
