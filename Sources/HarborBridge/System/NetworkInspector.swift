import Foundation
import Glibc

/// One network interface of the gateway and its addresses.
public struct NetworkInterfaceInfo: Sendable, Equatable {
    public struct Address: Sendable, Equatable {
        public var family: String  // "ipv4" or "ipv6"
        public var address: String
        public var prefixLength: Int
    }

    public var name: String
    public var isUp: Bool
    public var macAddress: String?
    public var addresses: [Address]
}

/// Reads the gateway's interfaces and addresses from the kernel (getifaddrs).
public enum NetworkInspector {
    /// Every interface, loopback included, in name order.
    public static func interfaces() -> [NetworkInterfaceInfo] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0, let first = head else { return [] }
        defer { freeifaddrs(head) }
        var byName: [String: NetworkInterfaceInfo] = [:]
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor?.pointee {
            defer { cursor = entry.ifa_next }
            let name = String(cString: entry.ifa_name)
            var info = byName[name] ?? NetworkInterfaceInfo(
                name: name, isUp: entry.ifa_flags & UInt32(IFF_UP) != 0, macAddress: macAddress(of: name),
                addresses: [])
            if let address = entry.ifa_addr {
                switch Int32(address.pointee.sa_family) {
                case AF_INET, AF_INET6:
                    if let parsed = describe(address, netmask: entry.ifa_netmask) { info.addresses.append(parsed) }
                default:
                    break
                }
            }
            byName[name] = info
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// The host's name.
    public static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return text(ofCString: buffer)
    }

    /// The text of a NUL-terminated C buffer filled by libc.
    private static func text(ofCString buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func describe(
        _ address: UnsafeMutablePointer<sockaddr>, netmask: UnsafeMutablePointer<sockaddr>?
    ) -> NetworkInterfaceInfo.Address? {
        let family = Int32(address.pointee.sa_family)
        let length = family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, socklen_t(length), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        var text = Self.text(ofCString: host)
        // Link-local IPv6 comes back as "fe80::1%eth0"; the interface is already named.
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }
        return NetworkInterfaceInfo.Address(
            family: family == AF_INET ? "ipv4" : "ipv6", address: text,
            prefixLength: netmask.map { prefixLength($0, family: family) } ?? 0)
    }

    private static func prefixLength(_ mask: UnsafeMutablePointer<sockaddr>, family: Int32) -> Int {
        let bytes: [UInt8]
        if family == AF_INET {
            bytes = mask.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }
            }
        } else {
            bytes = mask.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
            }
        }
        return bytes.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// The hardware address as sysfs shows it; nil for loopback and tunnels.
    private static func macAddress(of name: String) -> String? {
        guard let text = try? String(contentsOfFile: "/sys/class/net/\(name)/address", encoding: .utf8) else {
            return nil
        }
        let address = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return address.isEmpty || address == "00:00:00:00:00:00" ? nil : address
    }
}
