import Foundation

/// Gateway identity, network, counts, controllers, storage and configuration (schema `System`).
public struct System: Codable, Sendable, Equatable {
    /// The configured gateway name.
    public var gatewayName: String
    /// Version of harbor-bridge.
    public var version: String
    /// When harbor-bridge started.
    public var startedAt: Date
    /// Seconds since `startedAt`.
    public var uptimeSeconds: Double
    /// The SBC's host name.
    public var hostname: String
    /// Interfaces and addresses.
    public var network: NetworkInfo
    /// Locker counts by status.
    public var lockers: APILockerCounts
    /// Public view of every lock controller.
    public var controllers: [APILockController]
    /// Storage use of the data directory.
    public var storage: StorageInfo
    /// The current configuration, without secrets.
    public var config: SystemConfig

    /// System information with every field given.
    public init(
        gatewayName: String, version: String, startedAt: Date, uptimeSeconds: Double, hostname: String,
        network: NetworkInfo, lockers: APILockerCounts, controllers: [APILockController], storage: StorageInfo,
        config: SystemConfig
    ) {
        self.gatewayName = gatewayName
        self.version = version
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.hostname = hostname
        self.network = network
        self.lockers = lockers
        self.controllers = controllers
        self.storage = storage
        self.config = config
    }
}

/// The network interfaces as last read (schema `NetworkInfo`).
public struct NetworkInfo: Codable, Sendable, Equatable {
    /// Every interface, as read at `refreshedAt`.
    public var interfaces: [NetworkInterface]
    /// When the interfaces were last read.
    public var refreshedAt: Date

    /// Interfaces read at one instant.
    public init(interfaces: [NetworkInterface], refreshedAt: Date) {
        self.interfaces = interfaces
        self.refreshedAt = refreshedAt
    }
}

/// One network interface (schema `NetworkInterface`).
public struct NetworkInterface: Codable, Sendable, Equatable {
    /// Interface name, e.g. `eth0`.
    public var name: String
    /// The interface is up.
    public var up: Bool
    /// Lowercase and colon-separated; written as JSON `null` for interfaces without one.
    public var macAddress: String?
    /// Its addresses.
    public var addresses: [NetworkAddress]

    /// An interface with every field given.
    public init(name: String, up: Bool, macAddress: String?, addresses: [NetworkAddress]) {
        self.name = name
        self.up = up
        self.macAddress = macAddress
        self.addresses = addresses
    }

    private enum CodingKeys: String, CodingKey {
        case name, up, macAddress, addresses
    }

    /// Writes `macAddress` as `null` rather than leaving it out: the document requires it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(up, forKey: .up)
        try container.encode(macAddress, forKey: .macAddress)
        try container.encode(addresses, forKey: .addresses)
    }
}

/// One address of an interface (schema `NetworkAddress`).
public struct NetworkAddress: Codable, Sendable, Equatable {
    /// The address family.
    public enum Family: String, Codable, Sendable, Equatable, CaseIterable {
        case ipv4
        case ipv6
    }

    /// IPv4 or IPv6.
    public var family: Family
    /// The address in its textual form.
    public var address: String
    /// Network prefix length in bits.
    public var prefixLength: Int

    /// An address with its prefix length.
    public init(family: Family, address: String, prefixLength: Int) {
        self.family = family
        self.address = address
        self.prefixLength = prefixLength
    }
}

/// Locker numbers by status (schema `LockerCounts`; prefixed because the store
/// already names a tuple `LockerCounts`).
public struct APILockerCounts: Codable, Sendable, Equatable {
    /// Every live locker.
    public var total: Int
    /// In service, operational and free.
    public var available: Int
    /// Held by an active transaction.
    public var occupied: Int
    /// Set out of service.
    public var outOfService: Int
    /// Lockers whose `operational` is false, whatever their status.
    public var nonOperational: Int

    /// Counts with every field given.
    public init(total: Int, available: Int, occupied: Int, outOfService: Int, nonOperational: Int) {
        self.total = total
        self.available = available
        self.occupied = occupied
        self.outOfService = outOfService
        self.nonOperational = nonOperational
    }
}

/// Storage use of the data directory (schema `StorageInfo`).
public struct StorageInfo: Codable, Sendable, Equatable {
    /// The data directory's path.
    public var dataDirectory: String
    /// Size of the database files.
    public var databaseBytes: Int64
    /// Free space on the data directory's file system.
    public var freeBytes: Int64

    /// Storage figures with every field given.
    public init(dataDirectory: String, databaseBytes: Int64, freeBytes: Int64) {
        self.dataDirectory = dataDirectory
        self.databaseBytes = databaseBytes
        self.freeBytes = freeBytes
    }
}
