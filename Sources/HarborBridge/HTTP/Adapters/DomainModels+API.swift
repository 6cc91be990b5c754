import Foundation
import HarborDrivers

extension TransactionRecord {
    var api: TransactionResponse {
        TransactionResponse(
            id: id, lockerId: lockerId, status: status == "active" ? .active : .released,
            createdAt: createdAt, releasedAt: releasedAt, reference: reference)
    }
}

extension LockerState {
    var api: Locker {
        Locker(
            id: record.id, controllerId: record.controllerId, channel: record.channel,
            status: LockerStatus(rawValue: status) ?? .available, outOfService: record.outOfService,
            reasonCode: record.reasonCode.flatMap(LockerReasonCode.init(rawValue:)), reason: record.reason,
            doorState: doorState, operational: operational, transactionId: transactionId,
            updatedAt: record.updatedAt)
    }
}

extension LockerOpenReport {
    var api: LockerOperationResponse {
        LockerOperationResponse(success: true, lockerId: lockerId, doorState: doorState, outcome: .opened)
    }
}

extension OpenAllResult {
    var api: LockerOpenResult {
        switch outcome {
        case let .opened(doorState):
            LockerOpenResult(lockerId: lockerId, outcome: .opened, doorState: doorState)
        case .outcomeUnknown:
            LockerOpenResult(
                lockerId: lockerId, outcome: .unknown, doorState: .unknown,
                errorCode: code, message: "No reply to the unlock: the lock may or may not have fired")
        case let .failed(error):
            LockerOpenResult(
                lockerId: lockerId, outcome: .failed, doorState: .unknown,
                errorCode: GatewayError(error, lockerId: lockerId).code, message: error.description)
        case let .skipped(reason):
            LockerOpenResult(
                lockerId: lockerId, outcome: .skipped, doorState: .unknown,
                errorCode: reason, message: "Skipped: out of service")
        case .notStarted:
            LockerOpenResult(
                lockerId: lockerId, outcome: .failed, doorState: .unknown,
                errorCode: code, message: "Open-all was stopped before this locker's turn")
        }
    }
}

extension LogRecord {
    var api: LogEntry {
        LogEntry(
            id: id, timestamp: timestamp, level: LogLevel(rawValue: level) ?? .info, category: category,
            message: message, metadata: metadata)
    }
}

extension SystemReport {
    var api: System {
        System(
            gatewayName: settings.gatewayName, version: identity.version, startedAt: identity.startedAt,
            uptimeSeconds: identity.uptime.apiSeconds, hostname: hostname,
            network: NetworkInfo(interfaces: interfaces.map(\.api), refreshedAt: Date()),
            lockers: APILockerCounts(
                total: counts.total, available: counts.available, occupied: counts.occupied,
                outOfService: counts.outOfService, nonOperational: counts.nonOperational),
            controllers: controllers.map { entry in
                APILockController(
                    id: entry.record.id, name: entry.record.name,
                    kind: ControllerKind(rawValue: entry.record.kind) ?? .simulated,
                    protocol: ControllerProtocol(rawValue: entry.record.boardProtocol) ?? .simulated,
                    online: entry.status?.online ?? false, lockerCount: entry.lockerCount)
            },
            storage: StorageInfo(
                dataDirectory: identity.dataDirectory, databaseBytes: databaseBytes, freeBytes: freeBytes ?? 0),
            config: settings.api)
    }
}

extension GatewaySettings {
    var api: SystemConfig {
        SystemConfig(
            gatewayName: gatewayName, pulseMs: pulseMs, statusPollIntervalMs: statusPollIntervalMs,
            openAllConcurrency: openAllConcurrency, openAllSpacingMs: openAllSpacingMs,
            logLevel: logLevel,
            sessionIdleTimeoutSeconds: sessionIdleTimeoutSeconds,
            sessionAbsoluteTimeoutSeconds: sessionAbsoluteTimeoutSeconds,
            autoAddDiscoveredControllers: autoAddDiscoveredControllers)
    }
}

extension NetworkInterfaceInfo {
    var api: NetworkInterface {
        NetworkInterface(
            name: name, up: isUp, macAddress: macAddress,
            addresses: addresses.map {
                NetworkAddress(family: $0.family == "ipv4" ? .ipv4 : .ipv6, address: $0.address, prefixLength: $0.prefixLength)
            })
    }
}

extension Caller {
    /// Who asked, as the audit log names them.
    var auditName: String {
        switch self {
        case .apiKey: "api-key"
        case let .admin(user): "admin:\(user)"
        }
    }
}
