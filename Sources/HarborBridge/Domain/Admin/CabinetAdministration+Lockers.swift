import Foundation
import HarborDrivers
import Logging

extension CabinetAdministration {
    /// Sets how many lockers a controller has (0...64, and no more than its
    /// protocol's channels or its GPIO lines). New channels get new locker ids;
    /// lowering removes the highest channels, refused with LOCKER_OCCUPIED (and
    /// nothing changed) while one of them holds an active transaction.
    public func adjustLockerCount(
        controllerId: Int64, to count: Int, by caller: Caller
    ) async throws(GatewayError) -> LockerCountChange {
        let subject: Logger.Metadata = ["controller": "\(controllerId)", "lockerCount": "\(count)"]
        return try await change("locker count adjustment", by: caller, about: subject) { () throws(GatewayError) in
            let record = try await stored { () throws(StoreError) in try await store.controller(id: controllerId) }
            let current = try await stored { () throws(StoreError) in try await store.lockers(controllerId: controllerId) }
            try Self.checkCount(count, of: record, current: current)
            let (added, removed) = try await stored { () throws(StoreError) in
                try await store.adjustLockerCount(controllerId: controllerId, to: count)
            }
            let live = try await stored { () throws(StoreError) in try await store.lockers() }
            await runtime.updatePlacements(lockers: live)
            audit.notice("locker count of controller \(controllerId) adjusted", metadata: [
                "caller": "\(caller.auditName)", "controller": "\(controllerId)",
                "lockerCount": "\(current.count) -> \(count)",
                "added": "\(added.map { "\($0.id)" }.joined(separator: ","))",
                "removed": "\(removed.map { "\($0)" }.joined(separator: ","))",
            ])
            return LockerCountChange(
                added: added.map(\.id), removed: removed, controller: try await summary(of: controllerId))
        }
    }

    /// Takes a locker out of service or puts it back, as the seed's
    /// `PATCH /lockers/{id}` says: out of service blocks new transactions and
    /// keeps existing ones; back in service clears the reason fields not sent.
    /// `reasonCode` must be one of `LockerServiceReason.codes`; `reason` at most
    /// 500 characters. LOCKER_NOT_FOUND for an unknown locker.
    public func setLockerServiceState(
        lockerId: Int64, outOfService: Bool, reasonCode: String?, reason: String?, by caller: Caller
    ) async throws(GatewayError) -> LockerState {
        let subject: Logger.Metadata = ["locker": "\(lockerId)", "outOfService": "\(outOfService)"]
        return try await change("locker service change", by: caller, about: subject) { () throws(GatewayError) in
            if let reasonCode, !LockerServiceReason.codes.contains(reasonCode) {
                throw .validation(
                    field: "reasonCode", "reasonCode must be one of \(LockerServiceReason.codes.sorted().joined(separator: ", "))")
            }
            if let reason, reason.count > LockerServiceReason.maximumReasonLength {
                throw .validation(
                    field: "reason", "reason must be at most \(LockerServiceReason.maximumReasonLength) characters")
            }
            let before = try await stored { () throws(StoreError) in try await store.locker(id: lockerId) }
            let after = try await stored { () throws(StoreError) in
                try await store.setServiceState(
                    lockerId: lockerId, outOfService: outOfService, reasonCode: reasonCode, reason: reason)
            }
            let holder = try await stored { () throws(StoreError) in try await store.activeTransaction(lockerId: lockerId) }
            audit.notice("locker \(lockerId) \(outOfService ? "out of service" : "in service")", metadata: [
                "caller": "\(caller.auditName)", "locker": "\(lockerId)",
                "outOfService": "\(before.outOfService) -> \(after.outOfService)",
                "reasonCode": "\(after.reasonCode ?? "none")", "reason": "\(after.reason ?? "none")",
            ])
            return LockerState(
                record: after, transactionId: holder?.id, doorState: await runtime.doorState(lockerId: lockerId),
                operational: await runtime.isOperational(lockerId: lockerId))
        }
    }

    /// Refuses a count outside 0...64 or beyond what the hardware can drive.
    static func checkCount(_ count: Int, of record: ControllerRecord, current: [LockerRecord]) throws(GatewayError) {
        guard (0...ControllerRules.maximumLockers).contains(count) else {
            throw .validation(field: "lockerCount", "lockerCount must be within 0...\(ControllerRules.maximumLockers)")
        }
        // New lockers go on the channels after the highest one in use.
        let highest = count > current.count ? (current.last?.channel ?? 0) + count - current.count : 0
        let limit = ControllerRules.channelLimit(of: record)
        guard highest <= limit else {
            let hardware = record.kind == "gpio" ? "its \(limit) GPIO lines" : "\(limit) channels of \(record.boardProtocol)"
            throw .validation(
                field: "lockerCount", "controller \(record.id) cannot have \(count) lockers: it drives at most \(hardware)")
        }
    }
}
