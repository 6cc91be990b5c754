/// The body of `POST /controllers/scan` (schema `ScanRequest`), with the
/// document's defaults applied: both sources, 3000 ms.
public struct ScanRequest: Codable, Sendable, Equatable {
    /// Browse mDNS for TCP bridges.
    public var mdns: Bool
    /// Probe known USB-RS485 adapters.
    public var serial: Bool
    /// How long to browse and probe, 500 to 10000 ms.
    public var timeoutMs: Int

    /// A scan; at least one of `mdns` and `serial` is true once validated.
    public init(mdns: Bool = true, serial: Bool = true, timeoutMs: Int = 3000) {
        self.mdns = mdns
        self.serial = serial
        self.timeoutMs = timeoutMs
    }

    private enum CodingKeys: String, CodingKey {
        case mdns, serial, timeoutMs
    }

    /// Absent properties take the document's defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mdns = try container.decodeIfPresent(Bool.self, forKey: .mdns) ?? true
        serial = try container.decodeIfPresent(Bool.self, forKey: .serial) ?? true
        timeoutMs = try container.decodeIfPresent(Int.self, forKey: .timeoutMs) ?? 3000
    }
}

/// Where a scan found a controller.
public enum DiscoverySource: String, Codable, Sendable, Equatable, CaseIterable {
    case mdns
    case serial
}

/// One controller a scan found (schema `DiscoveredController`); unknown fields are written as `null`.
public struct DiscoveredController: Codable, Sendable, Equatable {
    /// mDNS or a serial probe.
    public var source: DiscoverySource
    /// Announced instance name or the adapter's product name.
    public var name: String
    /// The protocol it speaks.
    public var `protocol`: ControllerProtocol
    /// Bridge host (mDNS).
    public var host: String?
    /// Bridge port (mDNS).
    public var port: Int?
    /// Serial device (serial).
    public var device: String?
    /// Board address, if known.
    public var address: Int?
    /// Number of channels, if announced or reported.
    public var lockerCount: Int?
    /// Discovery id (mDNS instance or USB serial number).
    public var serial: String?
    /// USB vendor id, four lowercase hex digits (serial).
    public var usbVendorId: String?
    /// USB product id, four lowercase hex digits (serial).
    public var usbProductId: String?
    /// It matches a configured controller.
    public var known: Bool
    /// The matching or newly added controller.
    public var controllerId: Int64?
    /// The scan added it as a new controller.
    public var added: Bool
    /// A known controller was found at a new address, which was stored.
    public var addressChanged: Bool

    /// A finding; unknown fields default to null and the flags to false.
    public init(
        source: DiscoverySource, name: String, protocol: ControllerProtocol, host: String? = nil, port: Int? = nil,
        device: String? = nil, address: Int? = nil, lockerCount: Int? = nil, serial: String? = nil,
        usbVendorId: String? = nil, usbProductId: String? = nil, known: Bool = false, controllerId: Int64? = nil,
        added: Bool = false, addressChanged: Bool = false
    ) {
        self.source = source
        self.name = name
        self.protocol = `protocol`
        self.host = host
        self.port = port
        self.device = device
        self.address = address
        self.lockerCount = lockerCount
        self.serial = serial
        self.usbVendorId = usbVendorId
        self.usbProductId = usbProductId
        self.known = known
        self.controllerId = controllerId
        self.added = added
        self.addressChanged = addressChanged
    }

    private enum CodingKeys: String, CodingKey {
        case source, name, `protocol`, host, port, device, address, lockerCount, serial, usbVendorId, usbProductId
        case known, controllerId, added, addressChanged
    }

    /// Writes the nullable fields as `null`: the document requires every one of them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(name, forKey: .name)
        try container.encode(`protocol`, forKey: .protocol)
        try container.encode(host, forKey: .host)
        try container.encode(port, forKey: .port)
        try container.encode(device, forKey: .device)
        try container.encode(address, forKey: .address)
        try container.encode(lockerCount, forKey: .lockerCount)
        try container.encode(serial, forKey: .serial)
        try container.encode(usbVendorId, forKey: .usbVendorId)
        try container.encode(usbProductId, forKey: .usbProductId)
        try container.encode(known, forKey: .known)
        try container.encode(controllerId, forKey: .controllerId)
        try container.encode(added, forKey: .added)
        try container.encode(addressChanged, forKey: .addressChanged)
    }
}

/// What a scan found (schema `ScanResponse`).
public struct ScanResponse: Codable, Sendable, Equatable {
    /// How long the scan took.
    public var durationMs: Int
    /// Everything found, new and known.
    public var found: [DiscoveredController]

    /// A scan result.
    public init(durationMs: Int, found: [DiscoveredController]) {
        self.durationMs = durationMs
        self.found = found
    }
}
