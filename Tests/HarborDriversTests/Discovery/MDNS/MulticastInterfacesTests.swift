import Testing
@testable import HarborDrivers

@Suite struct MulticastInterfacesTests {
    func entry(_ name: String, _ address: String, up: Bool = true, multicast: Bool = true) throws -> InterfaceAddress {
        InterfaceAddress(name: name, address: try #require(IPv4Address(address)), isUp: up, isMulticastCapable: multicast)
    }

    func machine() throws -> [InterfaceAddress] {
        [try entry("lo", "127.0.0.1", multicast: false), try entry("eth0", "192.168.1.20"),
         try entry("eth0", "192.168.1.21"), try entry("wlan0", "10.0.0.2", up: false), try entry("tun0", "10.8.0.1", multicast: false)]
    }

    @Test func automaticTakesUpMulticastInterfacesWithAllTheirAddresses() throws {
        let chosen = try MulticastInterfaces.select(.automatic, from: try machine())
        #expect(chosen.map(\.name) == ["eth0"])
        #expect(chosen.first?.addresses.map(\.description) == ["192.168.1.20", "192.168.1.21"])
    }

    @Test func noMulticastInterfaceIsAnEmptyListNotAnError() throws {
        let bare = [try entry("lo", "127.0.0.1", multicast: false)]
        #expect(try MulticastInterfaces.select(.automatic, from: bare).isEmpty)
    }

    @Test func namedInterfacesAreTakenWhateverTheirFlags() throws {
        let chosen = try MulticastInterfaces.select(.named(["lo", "tun0"]), from: try machine())
        #expect(chosen == [MulticastInterface(name: "lo", addresses: [try #require(IPv4Address("127.0.0.1"))]),
                           MulticastInterface(name: "tun0", addresses: [try #require(IPv4Address("10.8.0.1"))])])
        #expect(throws: DiscoveryError.interfaceNotFound("eth9")) {
            try MulticastInterfaces.select(.named(["eth9"]), from: try machine())
        }
    }

    @Test func addressesPickTheirInterfaceAndOnlyThatAddress() throws {
        let chosen = try MulticastInterfaces.select(.addresses(["192.168.1.21"]), from: try machine())
        #expect(chosen == [MulticastInterface(name: "eth0", addresses: [try #require(IPv4Address("192.168.1.21"))])])
        #expect(throws: DiscoveryError.invalidAddress("192.168.1")) {
            try MulticastInterfaces.select(.addresses(["192.168.1"]), from: try machine())
        }
        #expect(throws: DiscoveryError.interfaceNotFound("172.16.0.1")) {
            try MulticastInterfaces.select(.addresses(["172.16.0.1"]), from: try machine())
        }
    }

    @Test func thisMachineListsLoopback() throws {
        let all = try MulticastInterfaces.systemAddresses()
        #expect(all.contains { $0.address.description == "127.0.0.1" && $0.isUp })
    }
}
