import Foundation
import Glibc
import Testing
@testable import HarborDrivers

/// `harbor-sim --advertise` refusals. Finding an advertising simulator needs
/// multicast, so that part runs in scripts/mdns-interop-test's namespace.
@Suite(.serialized) struct HarborSimAdvertiseTests {
    @Test(arguments: [
        (["--board", "cu-xor:1", "--advertise"], "--advertise needs --tcp-port"),
        (["--board", "cu-xor:1", "--tcp-port", "0", "--advertise-name", "A"], "--advertise-name needs --advertise"),
        (["--board", "cu-xor:1", "--tcp-port", "0", "--advertise", "--advertise-interface", "lo",
          "--advertise-address", "127.0.0.1"], "not both"),
        (["--board", "cu-xor:1", "--tcp-port", "0", "--advertise", "--advertise-address", "127.0.0"],
         "--advertise-address '127.0.0' is not an IPv4 address"),
        (["--board", "cu-xor:1", "--tcp-port", "0", "--advertise", "--advertise-name", String(repeating: "n", count: 64)],
         "--advertise-name must be 1 to 63 bytes"),
    ])
    func refusesAdvertisingThatCannotWork(arguments: [String], reason: String) async throws {
        let simulator = try HarborSimProcess(arguments)
        let (status, stderr) = await simulator.finish()
        #expect(status != 0)
        #expect(stderr.contains(reason), "stderr: \(stderr)")
    }

    @Test func missingInterfaceStopsTheSimulatorWithTheReason() async throws {
        let simulator = try HarborSimProcess([
            "--board", "cu-xor:1", "--tcp-port", "0", "--advertise", "--advertise-interface", "no-such-if0", "--quiet",
        ])
        let (status, stderr) = await simulator.finish()
        #expect(status != 0)
        #expect(stderr.contains("no IPv4 interface 'no-such-if0'"), "stderr: \(stderr)")
    }
}
