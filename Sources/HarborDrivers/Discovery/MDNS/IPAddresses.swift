import Glibc

/// An IPv4 address as four network-order bytes, written and parsed with
/// inet_ntop/inet_pton so the text matches what every other tool prints.
struct IPv4Address: Hashable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    /// Four bytes, or nil.
    init?(bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.bytes = bytes
    }

    /// Dotted quad text such as "127.0.0.1", or nil.
    init?(_ text: String) {
        var raw = in_addr()
        guard inet_pton(AF_INET, text, &raw) == 1 else { return nil }
        bytes = withUnsafeBytes(of: &raw) { Array($0) }
    }

    private init(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) {
        bytes = [first, second, third, fourth]
    }

    /// The mDNS group, 224.0.0.251.
    static let multicastDNSGroup = IPv4Address(224, 0, 0, 251)
    /// 0.0.0.0, what a socket binds to for every interface.
    static let any = IPv4Address(0, 0, 0, 0)
    /// 127.0.0.1.
    static let loopback = IPv4Address(127, 0, 0, 1)

    /// 224.0.0.0/4.
    var isMulticast: Bool {
        bytes[0] & 0xF0 == 0xE0
    }

    /// The address as the C struct sockets take.
    var inAddress: in_addr {
        var raw = in_addr()
        withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes) }
        return raw
    }

    var description: String {
        IPText.format(bytes, family: AF_INET, capacity: Int(INET_ADDRSTRLEN))
    }
}

/// An IPv6 address as sixteen network-order bytes.
struct IPv6Address: Hashable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    /// Sixteen bytes, or nil.
    init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Text such as "fe80::1", or nil.
    init?(_ text: String) {
        var raw = in6_addr()
        guard inet_pton(AF_INET6, text, &raw) == 1 else { return nil }
        bytes = withUnsafeBytes(of: &raw) { Array($0) }
    }

    var description: String {
        IPText.format(bytes, family: AF_INET6, capacity: Int(INET6_ADDRSTRLEN))
    }
}

/// inet_ntop over a byte array.
private enum IPText {
    static func format(_ bytes: [UInt8], family: Int32, capacity: Int) -> String {
        var text = [CChar](repeating: 0, count: capacity)
        let written = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &text, socklen_t(capacity))
        }
        guard written != nil else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
