import Foundation
import HarborBridge
import HarborDrivers

/// Realistic answers for the fake, taken from the document's examples.
enum Fixtures {
    static let transactionId = "3f0c2a9e-8d4b-4c1e-9a57-2b6f1e0d7c44"
    static let releasedTransactionId = "0b7e1d9c-5f3a-4e2b-8c61-9d0a4f2e7b15"

    static func date(_ text: String) -> Date {
        RFC3339.parse(text) ?? Date(timeIntervalSince1970: 0)
    }

    static let occupiedLocker = Locker(
        id: 12, controllerId: 1, channel: 12, status: .occupied, outOfService: false, reasonCode: nil, reason: nil,
        doorState: .closed, operational: true, transactionId: transactionId,
        updatedAt: date("2025-11-27T00:06:25Z"))

    static let outOfServiceLocker = Locker(
        id: 5, controllerId: 1, channel: 5, status: .outOfService, outOfService: true, reasonCode: .lockFault,
        reason: "Solenoid does not retract.", doorState: .unknown, operational: false, transactionId: nil,
        updatedAt: date("2025-11-26T17:40:02.125Z"))

    static let activeTransaction = TransactionResponse(
        id: transactionId, lockerId: 12, status: .active, createdAt: date("2025-11-27T00:06:25Z"), releasedAt: nil,
        reference: "order-2025-11-27-0042")

    static let releasedTransaction = TransactionResponse(
        id: releasedTransactionId, lockerId: 3, status: .released, createdAt: date("2025-11-26T09:12:00Z"),
        releasedAt: date("2025-11-26T18:30:41.250Z"), reference: nil)

    static let opened = LockerOperationResponse(success: true, lockerId: 12, doorState: .open, outcome: .opened)

    static let openAllRun = OpenAllRun(
        results: [
            LockerOpenResult(lockerId: 1, outcome: .opened, doorState: .open),
            LockerOpenResult(lockerId: 2, outcome: .skipped, doorState: .closed, errorCode: "LOCKER_OUT_OF_SERVICE"),
        ],
        durationMs: 1240)

    static let openAllRunWithTimeout = OpenAllRun(
        results: [
            LockerOpenResult(lockerId: 1, outcome: .opened, doorState: .open),
            LockerOpenResult(
                lockerId: 2, outcome: .unknown, doorState: .unknown, errorCode: "HARDWARE_TIMEOUT",
                message: "Controller 1 did not answer; outcome unknown."),
        ],
        durationMs: 2310)

    static let config = SystemConfig(
        gatewayName: "harbor-lobby", pulseMs: 300, statusPollIntervalMs: 2000, openAllConcurrency: 4,
        openAllSpacingMs: 100, logLevel: .info, sessionIdleTimeoutSeconds: 1800,
        sessionAbsoluteTimeoutSeconds: 43200, autoAddDiscoveredControllers: false)

    static let system = System(
        gatewayName: "harbor-lobby", version: "0.1.0", startedAt: date("2025-11-26T22:00:00Z"), uptimeSeconds: 8123.4,
        hostname: "harbor-lobby",
        network: NetworkInfo(
            interfaces: [
                NetworkInterface(
                    name: "eth0", up: true, macAddress: "dc:a6:32:01:02:03",
                    addresses: [
                        NetworkAddress(family: .ipv4, address: "192.168.1.20", prefixLength: 24),
                        NetworkAddress(family: .ipv6, address: "fe80::dea6:32ff:fe01:203", prefixLength: 64),
                    ]),
                NetworkInterface(name: "lo", up: true, macAddress: nil, addresses: []),
            ],
            refreshedAt: date("2025-11-27T00:00:10Z")),
        lockers: APILockerCounts(total: 16, available: 13, occupied: 2, outOfService: 1, nonOperational: 1),
        controllers: [
            APILockController(id: 1, name: "Left column", kind: .serial, protocol: .cuXor, online: true, lockerCount: 16)
        ],
        storage: StorageInfo(dataDirectory: "/var/lib/harbor", databaseBytes: 1_048_576, freeBytes: 12_884_901_888),
        config: config)

    static let logEntry = LogEntry(
        id: 4182, timestamp: date("2025-11-27T00:06:25.412Z"), level: .warning, category: "bus",
        message: "No reply to unlock; outcome unknown", metadata: ["controllerId": "1", "lockerId": "5"])

    static let health = Health(
        status: .ok, version: "0.1.0", uptimeSeconds: 8123.4, store: .ok, controllersOnline: 2, controllersTotal: 2)
}
