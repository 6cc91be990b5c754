import Glibc

/// Which IPv4 interfaces mDNS queries or answers on.
public enum MDNSInterfaceSelection: Sendable, Equatable {
    /// Every interface that is up, multicast-capable (IFF_UP and IFF_MULTICAST) and
    /// has an IPv4 address; loopback too when it is multicast-capable.
    case automatic
    /// These interfaces by name, whatever their flags: Linux's `lo` lacks
    /// IFF_MULTICAST unless someone sets it, as the interop test does in a namespace.
    case named([String])
    /// The interfaces holding these IPv4 addresses; only these addresses are used.
    case addresses([String])
}

/// One interface mDNS runs on. The first address picks the interface for
/// IP_MULTICAST_IF and IP_ADD_MEMBERSHIP; a responder announces all of them.
struct MulticastInterface: Hashable, Sendable {
    let name: String
    let addresses: [IPv4Address]
}

/// One IPv4 address of one interface, as getifaddrs(3) lists it.
struct InterfaceAddress: Hashable, Sendable {
    let name: String
    let address: IPv4Address
    let isUp: Bool
    let isMulticastCapable: Bool
}

/// Finds the interfaces a selection means.
enum MulticastInterfaces {
    /// The interfaces `selection` names on this machine. `.automatic` on a machine
    /// without a multicast interface gives an empty list; a name or address that is
    /// not there is an error, since someone asked for it.
    static func resolve(_ selection: MDNSInterfaceSelection) throws(DiscoveryError) -> [MulticastInterface] {
        try select(selection, from: try systemAddresses())
    }

    /// The selection applied to a list of interface addresses.
    static func select(_ selection: MDNSInterfaceSelection, from all: [InterfaceAddress])
        throws(DiscoveryError) -> [MulticastInterface] {
        switch selection {
        case .automatic:
            return grouped(all.filter { $0.isUp && $0.isMulticastCapable })
        case let .named(names):
            var chosen: [InterfaceAddress] = []
            for name in names {
                let matching = all.filter { $0.name == name }
                guard !matching.isEmpty else { throw .interfaceNotFound(name) }
                chosen += matching
            }
            return grouped(chosen)
        case let .addresses(texts):
            var chosen: [InterfaceAddress] = []
            for text in texts {
                guard let address = IPv4Address(text) else { throw .invalidAddress(text) }
                guard let match = all.first(where: { $0.address == address }) else { throw .interfaceNotFound(text) }
                chosen.append(match)
            }
            return grouped(chosen)
        }
    }

    /// One entry per interface name, in the order the names first appear.
    private static func grouped(_ addresses: [InterfaceAddress]) -> [MulticastInterface] {
        var order: [String] = []
        var byName: [String: [IPv4Address]] = [:]
        for entry in addresses {
            if byName[entry.name] == nil { order.append(entry.name) }
            if byName[entry.name, default: []].contains(entry.address) { continue }
            byName[entry.name, default: []].append(entry.address)
        }
        return order.map { MulticastInterface(name: $0, addresses: byName[$0] ?? []) }
    }

    /// Every IPv4 address of every interface, from getifaddrs(3).
    static func systemAddresses() throws(DiscoveryError) -> [InterfaceAddress] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { throw .socketFailed(operation: "getifaddrs", errno: errno) }
        defer { freeifaddrs(list) }
        var found: [InterfaceAddress] = []
        var entry = list
        while let current = entry {
            entry = current.pointee.ifa_next
            guard let socketAddress = current.pointee.ifa_addr,
                  Int32(socketAddress.pointee.sa_family) == AF_INET,
                  let name = current.pointee.ifa_name else { continue }
            let ipv4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            guard let address = IPv4Address(bytes: withUnsafeBytes(of: ipv4) { Array($0) }) else { continue }
            let flags = current.pointee.ifa_flags
            found.append(InterfaceAddress(
                name: String(cString: name), address: address,
                isUp: flags & UInt32(IFF_UP) != 0,
                isMulticastCapable: flags & UInt32(IFF_MULTICAST) != 0))
        }
        return found
    }
}
