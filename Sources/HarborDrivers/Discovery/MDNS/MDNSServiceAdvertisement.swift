/// One service instance a responder announces: what `harbor-sim --advertise` says
/// about itself.
public struct MDNSServiceAdvertisement: Sendable, Equatable {
    /// The instance label, e.g. "Bench A" (UTF-8, at most 63 bytes).
    public var instanceName: String
    /// The service type, e.g. "_harbor-lock._tcp".
    public var serviceType: String
    /// "local" for mDNS.
    public var domain: String
    /// The SRV target, e.g. "bench-a" or "bench-a.local"; the domain is added when missing.
    public var hostName: String
    /// The TCP port the service listens on.
    public var port: Int
    /// The TXT key/value pairs; written sorted by key.
    public var txt: [String: String]
    /// The A records; empty means the addresses of the interfaces it answers on.
    public var ipv4Addresses: [String]

    /// An advertisement of `instanceName` on `hostName`:`port`.
    public init(instanceName: String, serviceType: String = "_harbor-lock._tcp", domain: String = "local",
                hostName: String, port: Int, txt: [String: String] = [:], ipv4Addresses: [String] = []) {
        self.instanceName = instanceName
        self.serviceType = serviceType
        self.domain = domain
        self.hostName = hostName
        self.port = port
        self.txt = txt
        self.ipv4Addresses = ipv4Addresses
    }
}
