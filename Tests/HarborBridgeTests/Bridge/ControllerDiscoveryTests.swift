import Foundation
import HarborBridge
import HarborDrivers
import Synchronization
import Testing

/// The scan's rules with the browser and the serial probe replaced by what they
/// would have found: new or known, an address change stored (matched by the
/// `serial` TXT id), automatic adding only when the settings say so.
/// What the fake browser finds, changed by the test between scans.
final class FoundServices: Sendable {
    let services: Mutex<[DiscoveredService]>

    init(_ services: [DiscoveredService]) {
        self.services = Mutex(services)
    }
}

@Suite struct ControllerDiscoveryTests {
    private static func service(port: Int, serial: String = "bench-7") -> DiscoveredService {
        DiscoveredService(
            instanceName: "Bench 7", serviceType: "_harbor-lock._tcp", hostName: "bench-7.local", port: port,
            ipv4Addresses: ["127.0.0.1"], txt: ["protocol": "cu-xor", "lockers": "8", "address": "3", "serial": serial])
    }

    private static func discovery(
        _ harness: BridgeHarness, found: FoundServices, boards: [ScannedBoard] = []
    ) -> ControllerDiscovery {
        ControllerDiscovery(
            administration: harness.bridge.administration, settings: harness.bridge.settings,
            browse: { _ throws(DiscoveryError) in found.services.withLock { $0 } },
            scanSerial: { _, _ in SerialBusScanReport(boards: boards) })
    }

    @Test func newThenAddedAutomaticallyThenKnownThenMoved() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        let found = FoundServices([Self.service(port: 4001)])
        let discovery = Self.discovery(harness, found: found)
        let admin = Caller.admin(user: "admin")

        var findings = try await discovery.scan(mdns: true, serial: false, timeout: .seconds(1), by: admin)
        #expect(findings.count == 1)
        #expect(!findings[0].known && !findings[0].added && findings[0].serial == "bench-7")
        #expect(findings[0].lockerCount == 8 && findings[0].address == 3 && findings[0].port == 4001)
        #expect(try await harness.bridge.administration.controllers().count == 1)

        try await harness.bridge.settings.update { $0.autoAddDiscoveredControllers = true }
        findings = try await discovery.scan(mdns: true, serial: false, timeout: .seconds(1), by: admin)
        #expect(findings[0].added)
        let addedId = try #require(findings[0].controllerId)
        let added = try await harness.bridge.administration.controller(id: addedId)
        #expect(added.record.kind == "tcp" && added.record.port == 4001 && added.lockers.count == 8)

        findings = try await discovery.scan(mdns: true, serial: false, timeout: .seconds(1), by: admin)
        #expect(findings[0].known && !findings[0].added && !findings[0].addressChanged)
        #expect(findings[0].controllerId == addedId)

        found.services.withLock { $0 = [Self.service(port: 4100)] }
        findings = try await discovery.scan(mdns: true, serial: false, timeout: .seconds(1), by: admin)
        #expect(findings[0].known && findings[0].addressChanged)
        #expect(try await harness.bridge.administration.controller(id: addedId).record.port == 4100)
        #expect(try await harness.bridge.administration.controllers().count == 2)
        try await harness.stop()
    }

    @Test func boardsOnSerialAdaptersAreReportedWithTheirAdapter() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        var target = SerialScanTarget(path: "/dev/ttyUSB7")
        target.vendorId = "1a86"
        target.productId = "7523"
        let board = ScannedBoard(target: target, boardProtocol: .kerongCU16, address: 2)
        let discovery = Self.discovery(harness, found: FoundServices([]), boards: [board])
        let findings = try await discovery.scan(
            mdns: false, serial: true, timeout: .seconds(1), by: .admin(user: "admin"))
        #expect(findings.count == 1)
        #expect(findings[0].source == .serial && findings[0].device == "/dev/ttyUSB7")
        #expect(findings[0].boardProtocol == "kerong-cu16" && findings[0].address == 2)
        #expect(findings[0].usbVendorId == "1a86" && findings[0].usbProductId == "7523")
        #expect(!findings[0].known && !findings[0].added)
        try await harness.stop()
    }
}
