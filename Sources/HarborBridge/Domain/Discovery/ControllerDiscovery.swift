import Foundation
import HarborDrivers
import Logging

/// What a scan found: a networked controller announced over DNS-SD, or a board
/// that answered a probe on a USB serial adapter; known or new.
public struct DiscoveryFinding: Sendable, Equatable {
    public enum Source: String, Sendable { case mdns, serial }

    public var source: Source
    public var name: String
    public var boardProtocol: String
    public var host: String?
    public var port: Int?
    public var device: String?
    public var address: Int?
    public var lockerCount: Int?
    public var serial: String?
    public var usbVendorId: String?
    public var usbProductId: String?
    public var controllerId: Int64?
    public var known = false
    public var added = false
    public var addressChanged = false
}

/// `POST /controllers/scan`: browses `_harbor-lock._tcp` and probes the USB serial
/// adapters the gateway does not use yet, marks each finding new or known (a
/// networked controller is matched by its `serial` TXT id, so a new IP address is
/// stored), and adds new ones when the settings say so.
public struct ControllerDiscovery: Sendable {
    public typealias Browse = @Sendable (Duration) async throws(DiscoveryError) -> [DiscoveredService]
    public typealias SerialScan = @Sendable (_ skipping: Set<String>, _ limit: Duration) async -> SerialBusScanReport

    let administration: CabinetAdministration
    let settings: SettingsCenter
    let browse: Browse
    let scanSerial: SerialScan

    public init(
        administration: CabinetAdministration, settings: SettingsCenter,
        browse: @escaping Browse = { timeout throws(DiscoveryError) in
            try await MDNSBrowser().browse(timeout: timeout)
        },
        scanSerial: @escaping SerialScan = ControllerDiscovery.scanUSBAdapters
    ) {
        self.administration = administration
        self.settings = settings
        self.browse = browse
        self.scanSerial = scanSerial
    }

    /// Scans with the sources asked for, bounded by `timeout`.
    public func scan(mdns: Bool, serial: Bool, timeout: Duration, by caller: Caller) async throws(GatewayError) -> [DiscoveryFinding] {
        let known = try await administration.controllers().map(\.record)
        let autoAdd = settings.settings.autoAddDiscoveredControllers
        var findings: [DiscoveryFinding] = []
        if mdns {
            let services: [DiscoveredService]
            do {
                services = try await browse(timeout)
            } catch {
                throw GatewayError("DISCOVERY_FAILED", "DNS-SD browse failed: \(error)")
            }
            for service in services {
                findings.append(try await networked(service, known: known, autoAdd: autoAdd, by: caller))
            }
        }
        if serial {
            let busy = Set(known.compactMap { $0.kind == "serial" ? $0.device.map(Self.resolved) : nil })
            let report = await scanSerial(busy, timeout)
            for board in report.boards {
                findings.append(try await wired(board, known: known, autoAdd: autoAdd, by: caller))
            }
        }
        return findings
    }

    private func networked(
        _ service: DiscoveredService, known: [ControllerRecord], autoAdd: Bool, by caller: Caller
    ) async throws(GatewayError) -> DiscoveryFinding {
        var finding = DiscoveryFinding(
            source: .mdns, name: service.instanceName, boardProtocol: service.txt["protocol"] ?? "cu-xor",
            host: service.ipv4Addresses.first ?? service.hostName, port: service.port,
            address: service.txt["address"].flatMap(Int.init), lockerCount: service.txt["lockers"].flatMap(Int.init),
            serial: service.txt["serial"])
        if let serial = finding.serial, let match = known.first(where: { $0.serial == serial }) {
            finding.known = true
            finding.controllerId = match.id
            if match.host != finding.host || match.port != finding.port {
                _ = try await administration.updateController(
                    id: match.id, patch: ControllerPatch(host: finding.host, port: finding.port), by: caller)
                finding.addressChanged = true
            }
        } else if let match = known.first(where: {
            $0.kind == "tcp" && $0.host == finding.host && $0.port == finding.port && $0.address == finding.address
        }) {
            finding.known = true
            finding.controllerId = match.id
        } else if autoAdd {
            let declaration = ControllerDeclaration(
                name: service.instanceName, kind: "tcp", boardProtocol: finding.boardProtocol,
                lockerCount: finding.lockerCount ?? 16, address: finding.address ?? 1,
                host: finding.host, port: finding.port, serial: finding.serial)
            let added = try await administration.addController(declaration, by: caller)
            finding.controllerId = added.record.id
            finding.added = true
        }
        return finding
    }

    private func wired(
        _ board: ScannedBoard, known: [ControllerRecord], autoAdd: Bool, by caller: Caller
    ) async throws(GatewayError) -> DiscoveryFinding {
        let path = board.byIdPath ?? board.device
        var finding = DiscoveryFinding(
            source: .serial, name: "\(board.boardProtocol.rawValue) board \(board.address) on \(path)",
            boardProtocol: board.boardProtocol.rawValue, device: path, address: board.address,
            usbVendorId: board.vendorId, usbProductId: board.productId)
        if let match = known.first(where: {
            $0.kind == "serial" && $0.device.map(Self.resolved) == Self.resolved(path) && $0.address == board.address
        }) {
            finding.known = true
            finding.controllerId = match.id
        } else if autoAdd {
            let declaration = ControllerDeclaration(
                name: finding.name, kind: "serial", boardProtocol: finding.boardProtocol,
                lockerCount: board.boardProtocol.defaultChannelCount, device: path, address: board.address)
            let added = try await administration.addController(declaration, by: caller)
            finding.controllerId = added.record.id
            finding.added = true
        }
        return finding
    }

    /// Probes every USB serial adapter the gateway does not drive yet.
    public static let scanUSBAdapters: SerialScan = { busy, limit in
        let adapters = ((try? USBSerialAdapters.list()) ?? []).filter { !busy.contains(resolved($0.devnode)) }
        return await SerialBusScanner(timeLimit: limit).scan(adapters: adapters)
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
