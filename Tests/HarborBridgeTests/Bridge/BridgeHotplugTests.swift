import Foundation
@testable import HarborBridge
import HarborDrivers
import Testing

/// A USB adapter pulled and plugged back, as libudev reports it (through the fake
/// event source behind the same interface), with a real serial line on a pty.
@Suite struct BridgeHotplugTests {
    private static func serve(_ link: String) throws -> BoardSimulatorServer {
        let server = BoardSimulatorServer(
            line: SimulatedLine(boards: [SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 4, closeAfter: nil)]),
            options: SimulatorServerOptions(pseudoTerminal: true, linkPath: link))
        try server.start()
        return server
    }

    private static func waitFor(_ online: Bool, _ runtime: HardwareRuntime) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while await runtime.status(controllerId: 1)?.online != online, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func pulledAdapterGoesOfflineAtOnceAndComesBackWhenPluggedIn() async throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-hotplug-\(UUID().uuidString)").path
        var server = try Self.serve(link)
        let harness = try await BridgeHarness.start { configuration in
            configuration.simulate = false
            configuration.controllers = [ControllerDeclaration(
                kind: "serial", boardProtocol: "cu-xor", lockerCount: 4, device: link, baudRate: 9600, address: 1)]
        }
        let runtime = harness.bridge.runtime
        #expect(await runtime.status(controllerId: 1)?.online == true)

        let events = FakeDeviceEventSource()
        let hotplug = try #require(harness.bridge.hotplug(events))
        let following = Task { await hotplug.run() }

        // udev saw this adapter arrive (real adapters present at start come from
        // the enumeration instead).
        let pulled = try #require(server.endpoints.pseudoTerminalPath)
        events.send(DeviceEvent(action: .added, devnode: pulled, links: [link]))
        try await Task.sleep(for: .milliseconds(200))
        server.stop()
        events.send(DeviceEvent(action: .removed, devnode: pulled, links: [link]))
        try await Self.waitFor(false, runtime)
        #expect(await runtime.status(controllerId: 1)?.online == false)
        #expect(await !runtime.isOperational(lockerId: 1))
        #expect(await runtime.doorState(lockerId: 1) == .unknown)

        server = try Self.serve(link)
        defer { server.stop() }
        events.send(DeviceEvent(action: .added, devnode: try #require(server.endpoints.pseudoTerminalPath), links: [link]))
        try await Self.waitFor(true, runtime)
        #expect(await runtime.status(controllerId: 1)?.online == true)
        #expect(await runtime.doorState(lockerId: 1) == .closed)
        #expect(try await runtime.open(lockerId: 2).doorState == .open)

        events.finish()
        following.cancel()
        try await harness.stop()
    }
}
