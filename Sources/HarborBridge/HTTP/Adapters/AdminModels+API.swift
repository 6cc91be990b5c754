import Foundation
import HarborDrivers

extension ControllerSummary {
    var api: APIController {
        APIController(
            id: record.id, name: record.name, kind: ControllerKind(rawValue: record.kind) ?? .simulated,
            protocol: ControllerProtocol(rawValue: record.boardProtocol) ?? .simulated, online: online,
            lockerCount: lockerCount, address: record.address, device: record.device, baudRate: record.baudRate,
            host: record.host, port: record.port, chip: record.chip, lines: record.lines, doorLines: record.doorLines,
            activeLow: record.activeLow, pulseMs: record.pulseMs,
            feedbackPolarity: FeedbackPolarity(rawValue: record.feedbackPolarity) ?? .setMeansClosed,
            serial: record.serial, lastSeenAt: status?.lastSeenAt, createdAt: record.createdAt)
    }
}

extension ControllerDetailsView {
    var api: ControllerDetails {
        let counters = status?.counters ?? HardwareCounters()
        return ControllerDetails(
            controller: summary.api, lockers: lockers.map(\.api),
            errorCounters: ControllerErrorCounters(
                timeouts: Int64(counters.timeouts), badReplies: Int64(counters.badReplies),
                transportFailures: Int64(counters.transportFailures), opens: Int64(counters.opens)),
            lastError: status?.lastError.map { ControllerLastError(code: $0.code, message: $0.message, at: $0.at) },
            firmware: nil, model: nil, replacedControllerId: replaced?.id)
    }
}

extension CreateControllerRequest {
    var declaration: ControllerDeclaration {
        ControllerDeclaration(
            name: name, kind: kind.rawValue, boardProtocol: self.protocol.rawValue, lockerCount: lockerCount,
            device: device, baudRate: baudRate, address: address, host: host, port: port, chip: chip,
            lines: lines, doorLines: doorLines, activeLow: activeLow, pulseMs: pulseMs,
            feedbackPolarity: feedbackPolarity, serial: serial)
    }
}

extension ReplaceControllerRequest {
    /// The new hardware; its locker count is the replaced controller's (the domain sets it).
    var declaration: ControllerDeclaration {
        ControllerDeclaration(
            name: name, kind: kind.rawValue, boardProtocol: self.protocol.rawValue, lockerCount: 1,
            device: device, baudRate: baudRate, address: address, host: host, port: port, chip: chip,
            lines: lines, doorLines: doorLines, activeLow: activeLow, pulseMs: pulseMs,
            feedbackPolarity: feedbackPolarity, serial: serial)
    }
}

extension UpdateControllerRequest {
    var patch: ControllerPatch {
        var patch = ControllerPatch(
            name: name, address: address, device: device, baudRate: baudRate, host: host, port: port,
            feedbackPolarity: feedbackPolarity, activeLow: activeLow, lines: lines)
        switch pulseMs {
        case .unchanged: break
        case .clear: patch.clearPulse = true
        case let .set(value): patch.pulseMs = value
        }
        switch doorLines {
        case .unchanged: break
        case .clear: patch.clearDoorLines = true
        case let .set(value): patch.doorLines = value
        }
        return patch
    }
}

extension DiscoveryFinding {
    var api: DiscoveredController {
        DiscoveredController(
            source: source == .mdns ? .mdns : .serial, name: name,
            protocol: ControllerProtocol(rawValue: boardProtocol) ?? .cuXor, host: host, port: port,
            device: device, address: address, lockerCount: lockerCount, serial: serial,
            usbVendorId: usbVendorId, usbProductId: usbProductId, known: known, controllerId: controllerId,
            added: added, addressChanged: addressChanged)
    }
}
