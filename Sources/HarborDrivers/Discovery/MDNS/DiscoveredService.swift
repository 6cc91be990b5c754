/// A lock controller found by a DNS-SD browse: one service instance with its
/// SRV target, addresses and TXT data.
public struct DiscoveredService: Hashable, Sendable {
    /// The instance label, e.g. "kerong-bridge-a1b2c3" (may hold spaces and dots).
    public var instanceName: String
    /// The service type, e.g. "_harbor-lock._tcp".
    public var serviceType: String
    /// The domain, "local" for mDNS.
    public var domain: String
    /// The SRV target host, e.g. "bridge-a1b2c3.local" (no trailing dot).
    public var hostName: String
    /// The SRV port.
    public var port: Int
    /// The host's A records, as dotted quads; empty when none arrived in time.
    public var ipv4Addresses: [String]
    /// The host's AAAA records, when a responder volunteered them.
    public var ipv6Addresses: [String]
    /// The TXT key/value pairs, keys in lower case (DNS-SD keys are case-insensitive);
    /// a key without "=" has the empty value. Harbor controllers announce at least
    /// `protocol`, `lockers`, `address` and `serial`.
    public var txt: [String: String]

    /// A service as a browse reports it.
    public init(instanceName: String, serviceType: String, domain: String = "local", hostName: String, port: Int,
                ipv4Addresses: [String] = [], ipv6Addresses: [String] = [], txt: [String: String] = [:]) {
        self.instanceName = instanceName
        self.serviceType = serviceType
        self.domain = domain
        self.hostName = hostName
        self.port = port
        self.ipv4Addresses = ipv4Addresses
        self.ipv6Addresses = ipv6Addresses
        self.txt = txt
    }

    /// "NAME._harbor-lock._tcp.local".
    public var fullName: String {
        "\(instanceName).\(serviceType).\(domain)"
    }
}

/// DNS-SD TXT data (RFC 6763 §6): one "key=value" character-string per entry.
enum ServiceText {
    /// Entries as a dictionary. Keys are folded to lower case; the first entry of a
    /// key wins (§6.4); entries with an empty key are ignored.
    static func dictionary(_ strings: [[UInt8]]) -> [String: String] {
        var pairs: [String: String] = [:]
        for string in strings where !string.isEmpty {
            let equals = string.firstIndex(of: UInt8(ascii: "=")) ?? string.endIndex
            guard equals > string.startIndex else { continue }
            let key = DNSName.foldCase(String(decoding: string[..<equals], as: UTF8.self))
            let value = equals < string.endIndex ? String(decoding: string[(equals + 1)...], as: UTF8.self) : ""
            if pairs[key] == nil { pairs[key] = value }
        }
        return pairs
    }

    /// Character-strings for `pairs`, sorted by key so the record is the same on
    /// every run; one empty string when there are none (§6.1).
    static func strings(_ pairs: [String: String]) -> [[UInt8]] {
        guard !pairs.isEmpty else { return [[]] }
        return pairs.sorted { $0.key < $1.key }.map { Array("\($0.key)=\($0.value)".utf8) }
    }
}
