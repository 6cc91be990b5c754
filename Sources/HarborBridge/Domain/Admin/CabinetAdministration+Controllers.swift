import Foundation
import HarborDrivers
import Logging

extension CabinetAdministration {
    /// Adds a controller with lockers on channels 1...lockerCount (new locker ids)
    /// and starts it. VALIDATION_FAILED names the field; DEVICE_NOT_FOUND for a
    /// missing serial device or GPIO chip path; CONTROLLER_ADDRESS_TAKEN when a
    /// live controller holds the same bus address, GPIO line or serial.
    public func addController(_ declaration: ControllerDeclaration, by caller: Caller) async throws(GatewayError) -> ControllerDetailsView {
        let subject: Logger.Metadata = ["kind": "\(declaration.kind)", "protocol": "\(declaration.boardProtocol)"]
        return try await change("controller add", by: caller, about: subject) { () throws(GatewayError) in
            try ControllerRules.check(declaration)
            let record = declaration.record(defaultName: "\(declaration.kind) \(declaration.boardProtocol)")
            try HardwareClaims.checkDevices(record)
            let others = try await stored { () throws(StoreError) in try await store.controllers() }
            try HardwareClaims.checkConflicts(record, against: others)
            let (saved, lockers) = try await stored { () throws(StoreError) in
                try await store.insertController(record, lockerCount: declaration.lockerCount)
            }
            await runtime.add(controller: saved, lockers: lockers)
            var metadata = Self.describe(saved)
            metadata["caller"] = "\(caller.auditName)"
            metadata["lockers"] = "\(lockers.map { "\($0.id)" }.joined(separator: ","))"
            audit.notice("controller \(saved.id) added", metadata: metadata)
            return try await controller(id: saved.id)
        }
    }

    /// Changes a controller's settings and rebuilds it in the runtime at once.
    /// The merged settings pass the same checks as a new controller (conflicts
    /// with itself excluded).
    public func updateController(id: Int64, patch: ControllerPatch, by caller: Caller) async throws(GatewayError) -> ControllerDetailsView {
        try await change("controller update", by: caller, about: ["controller": "\(id)"]) { () throws(GatewayError) in
            let current = try await stored { () throws(StoreError) in try await store.controller(id: id) }
            try ControllerRules.checkPatchFields(patch, kind: current.kind)
            let updated = Self.applying(patch, to: current)
            let lockers = try await stored { () throws(StoreError) in try await store.lockers(controllerId: id) }
            try ControllerRules.check(ControllerDeclaration(record: updated, lockerCount: Self.span(lockers)))
            if patch.device != nil { try HardwareClaims.checkDevices(updated) }
            let others = try await stored { () throws(StoreError) in try await store.controllers() }
            try HardwareClaims.checkConflicts(updated, against: others)
            let saved = try await stored { () throws(StoreError) in try await store.updateController(updated) }
            await runtime.add(controller: saved, lockers: lockers)
            audit.notice("controller \(id) updated", metadata: Self.differences(from: current, to: saved, caller: caller))
            return try await controller(id: id)
        }
    }

    /// Removes a controller and its lockers (released transactions stay readable)
    /// and stops it. CONTROLLER_IN_USE while one of its lockers holds an active
    /// transaction. Returns the ids of the removed lockers.
    @discardableResult
    public func removeController(id: Int64, by caller: Caller) async throws(GatewayError) -> [Int64] {
        try await change("controller removal", by: caller, about: ["controller": "\(id)"]) { () throws(GatewayError) in
            let record = try await stored { () throws(StoreError) in try await store.controller(id: id) }
            let removed = try await stored { () throws(StoreError) in try await store.deleteController(id: id) }
            await runtime.remove(controllerId: id)
            var metadata = Self.describe(record)
            metadata["caller"] = "\(caller.auditName)"
            metadata["removedLockers"] = "\(removed.map { "\($0)" }.joined(separator: ","))"
            audit.notice("controller \(id) removed", metadata: metadata)
            return removed
        }
    }

    /// Swaps a failed controller for new hardware that takes over the same
    /// locker ids, channels and transactions; the old one is retired. The
    /// declaration's locker count is ignored: the lockers are the old ones.
    /// Returns the new controller.
    public func replaceController(
        id: Int64, with declaration: ControllerDeclaration, by caller: Caller
    ) async throws(GatewayError) -> ControllerDetailsView {
        let subject: Logger.Metadata = [
            "controller": "\(id)", "kind": "\(declaration.kind)", "protocol": "\(declaration.boardProtocol)",
        ]
        return try await change("controller replacement", by: caller, about: subject) { () throws(GatewayError) in
            let old = try await stored { () throws(StoreError) in try await store.controller(id: id) }
            let lockers = try await stored { () throws(StoreError) in try await store.lockers(controllerId: id) }
            var incoming = declaration
            incoming.lockerCount = Self.span(lockers)
            do throws(GatewayError) {
                try ControllerRules.check(incoming)
            } catch {
                guard error.details["field"] == "/lockerCount" else { throw error }
                // The count is the old controller's: the new hardware is what cannot drive it.
                throw GatewayError(
                    "VALIDATION_FAILED", "The new controller cannot drive the \(lockers.count) lockers: \(error.message)",
                    details: ["field": declaration.kind == "gpio" ? "/lines" : "/protocol"])
            }
            let record = incoming.record(defaultName: old.name)
            try HardwareClaims.checkDevices(record)
            let others = try await stored { () throws(StoreError) in try await store.controllers() }
            try HardwareClaims.checkConflicts(record, against: others.filter { $0.id != id })
            let (saved, moved) = try await stored { () throws(StoreError) in
                try await store.replaceController(id: id, with: record)
            }
            await runtime.replace(controllerId: id, with: saved, lockers: moved)
            var metadata = Self.describe(saved)
            metadata["caller"] = "\(caller.auditName)"
            metadata["replaced"] = "\(id)"
            metadata["lockers"] = "\(moved.map { "\($0.id)" }.joined(separator: ","))"
            audit.notice("controller \(id) replaced by \(saved.id)", metadata: metadata)
            return try await controller(id: saved.id)
        }
    }

    // MARK: Steps

    /// The channel count a controller's lockers need (at least 1, as a declaration requires).
    static func span(_ lockers: [LockerRecord]) -> Int {
        max(1, lockers.map(\.channel).max() ?? 0)
    }

    static func applying(_ patch: ControllerPatch, to record: ControllerRecord) -> ControllerRecord {
        var updated = record
        if let name = patch.name { updated.name = name }
        if let address = patch.address { updated.address = address }
        if let device = patch.device { updated.device = device }
        if let baudRate = patch.baudRate { updated.baudRate = baudRate }
        if let host = patch.host { updated.host = host }
        if let port = patch.port { updated.port = port }
        if let pulseMs = patch.pulseMs { updated.pulseMs = pulseMs }
        if patch.clearPulse { updated.pulseMs = nil }
        if let polarity = patch.feedbackPolarity { updated.feedbackPolarity = polarity.rawValue }
        if let activeLow = patch.activeLow { updated.activeLow = activeLow }
        if let lines = patch.lines { updated.lines = lines }
        if let doorLines = patch.doorLines { updated.doorLines = doorLines }
        if patch.clearDoorLines { updated.doorLines = nil }
        return updated
    }

    /// Each setting that changed as `old -> new`, for the audit log.
    static func differences(from old: ControllerRecord, to new: ControllerRecord, caller: Caller) -> Logger.Metadata {
        func text<V>(_ value: V?) -> String { value.map { "\($0)" } ?? "none" }
        let pairs: [(String, String, String)] = [
            ("name", old.name, new.name), ("address", text(old.address), text(new.address)),
            ("device", text(old.device), text(new.device)), ("baudRate", text(old.baudRate), text(new.baudRate)),
            ("host", text(old.host), text(new.host)), ("port", text(old.port), text(new.port)),
            ("pulseMs", text(old.pulseMs), text(new.pulseMs)),
            ("feedbackPolarity", old.feedbackPolarity, new.feedbackPolarity),
            ("activeLow", "\(old.activeLow)", "\(new.activeLow)"),
            ("lines", text(old.lines?.joined(separator: ",")), text(new.lines?.joined(separator: ","))),
            ("doorLines", text(old.doorLines?.joined(separator: ",")), text(new.doorLines?.joined(separator: ","))),
        ]
        var metadata: Logger.Metadata = ["controller": "\(new.id)", "caller": "\(caller.auditName)"]
        for (field, before, after) in pairs where before != after {
            metadata[field] = "\(before) -> \(after)"
        }
        return metadata
    }
}
