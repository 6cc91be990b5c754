import Foundation
import Glibc
import Testing
@testable import HarborDrivers

/// Real multicast on `lo`, which only a network namespace with multicast switched
/// on provides: `scripts/mdns-interop-test` creates one, has python-zeroconf
/// advertise a harbor-sim TCP board in it, and runs this suite there with
/// HARBOR_MDNS_NETNS_TEST=1 and the advertised values in HARBOR_MDNS_ZEROCONF_*.
/// Anywhere else the suite is skipped.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["HARBOR_MDNS_NETNS_TEST"] == "1",
                             "needs the network namespace of scripts/mdns-interop-test"))
struct MDNSNamespaceInteropTests {
    let environment = ProcessInfo.processInfo.environment

    @Test func findsTheBoardZeroconfAdvertisesAndOpensALockThroughIt() async throws {
        let name = try #require(environment["HARBOR_MDNS_ZEROCONF_NAME"])
        let port = try #require(environment["HARBOR_MDNS_ZEROCONF_PORT"].flatMap { Int($0) })
        let serial = try #require(environment["HARBOR_MDNS_ZEROCONF_SERIAL"])
        // Automatic selection: `lo` is multicast-capable in the namespace, so it counts.
        let found = try await MDNSBrowser().browse(timeout: .seconds(3))
        let service = try #require(found.first { $0.instanceName == name }, "found \(found)")
        #expect(service.port == port)
        #expect(service.ipv4Addresses.contains("127.0.0.1"))
        #expect(service.txt["protocol"] == "cu-xor")
        #expect(service.txt["lockers"] == "16")
        #expect(service.txt["address"] == "1")
        #expect(service.txt["serial"] == serial)

        // The advertised endpoint is a working board: open lock 1 of board 1.
        let socket = try LineTestClient.connect(port: service.port)
        defer { close(socket) }
        try LineTestClient.send(socket, Hex.bytes("8A 01 01 11 9B") ?? [])
        #expect(await LineTestClient.read(socket, count: 5) == .bytes(Hex.bytes("8A 01 01 00 8A") ?? []))
    }

    @Test func findsTheSwiftResponderByMulticastAndHearsItsGoodbye() async throws {
        let name = "Swift Bench \(getpid())"
        let responder = MDNSResponder(
            advertisement: MDNSServiceAdvertisement(instanceName: name, hostName: "swift-bench", port: 4999,
                                                    txt: ["protocol": "kerong-cu48", "lockers": "48", "address": "3",
                                                          "serial": "swift-1"]),
            interfaces: .named(["lo"]))
        try responder.start()
        let browser = MDNSBrowser(interfaces: .named(["lo"]))
        let found = try await browser.browse(timeout: .seconds(2))
        let service = try #require(found.first { $0.instanceName == name }, "found \(found)")
        #expect(service.txt == ["protocol": "kerong-cu48", "lockers": "48", "address": "3", "serial": "swift-1"])
        #expect(service.hostName == "swift-bench.local")

        // Stopped one second into a three-second browse: the goodbye removes it.
        let later = Task { try await browser.browse(timeout: .seconds(3)) }
        try await Task.sleep(for: .seconds(1))
        responder.stop()
        #expect(try await later.value.allSatisfy { $0.instanceName != name })
    }
}
