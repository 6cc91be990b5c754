import Foundation
import HarborDrivers
@testable import HarborBridge
import Testing

/// The text of each event: its name, and data that the document's schema accepts.
@Suite struct EventStreamFrameTests {
    /// The event name and the decoded data of one frame.
    static func parse(_ frame: String) throws -> (name: String, data: JSONValue) {
        #expect(frame.hasSuffix("\n\n"), "a blank line ends every frame")
        let lines = frame.split(separator: "\n")
        let name = try #require(lines.first { $0.hasPrefix("event: ") }).dropFirst("event: ".count)
        let data = lines.filter { $0.hasPrefix("data: ") }.map { $0.dropFirst("data: ".count) }.joined(separator: "\n")
        return (String(name), try JSONDecoder().decode(JSONValue.self, from: Data(data.utf8)))
    }

    static func expectConforms(_ data: JSONValue, to schemaName: String) throws {
        let spec = try OpenAPISpec.load()
        let schema = try #require(spec.schema(named: schemaName))
        let problems = SchemaConformance(spec: spec).violations(of: data, against: schema)
        #expect(problems.isEmpty, "\(schemaName): \(problems)")
    }

    @Test func aDoorChangeIsADoorEvent() throws {
        let frame = EventStreamFrame.text(for: .event(.door(lockerId: 7, from: .closed, to: .open)))
        #expect(frame == "event: door\ndata: {\"doorState\":\"open\",\"lockerId\":7,\"previousDoorState\":\"closed\"}\n\n")
        try Self.expectConforms(try Self.parse(frame).data, to: "DoorChangeEvent")
    }

    @Test func controllerEventsCarryTheFailureOnlyWhenOffline() throws {
        let offline = try Self.parse(EventStreamFrame.text(
            for: .event(.controller(controllerId: 2, online: false, code: "HARDWARE_TIMEOUT", message: "silent"))))
        #expect(offline.name == "controller")
        #expect(offline.data["code"] == "HARDWARE_TIMEOUT" && offline.data["online"] == false)
        try Self.expectConforms(offline.data, to: "ControllerStatusEvent")
        let online = try Self.parse(EventStreamFrame.text(
            for: .event(.controller(controllerId: 2, online: true, code: nil, message: nil))))
        #expect(online.data == .object(["controllerId": 2, "online": true]))
        try Self.expectConforms(online.data, to: "ControllerStatusEvent")
    }

    @Test func aLockerEventIsTheWholeLockerOfTheAPI() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 1)
        let state = try await harness.bridge.gateway.locker(id: 1)
        let frame = try Self.parse(EventStreamFrame.text(for: .event(.locker(state))))
        #expect(frame.name == "locker")
        try Self.expectConforms(frame.data, to: "Locker")
        #expect(frame.data["id"] == 1 && frame.data["doorState"] == "closed")
        try await harness.stop()
    }

    @Test func resyncCabinetAndHeartbeatFrames() throws {
        #expect(EventStreamFrame.text(for: .resync) == "event: resync\ndata: {}\n\n")
        #expect(EventStreamFrame.text(for: .event(.cabinetChanged)) == "event: cabinet\ndata: {}\n\n")
        #expect(EventStreamFrame.text(for: .heartbeat) == ": heartbeat\n\n")
        #expect(EventStreamFrame.opening.hasPrefix("retry: "))
    }
}
