import Foundation
@testable import HarborBridge
import Testing

@Suite struct AdminAuditTests {
    @Test func everyChangeAndRefusalNamesTheCaller() async throws {
        let bench = try AdminBench()
        let added = try await bench.addSimulated(2, name: "Lobby")
        let id = added.record.id
        _ = try await bench.admin.updateController(id: id, patch: ControllerPatch(name: "Lobby left"), by: .admin(user: "bob"))
        _ = try await bench.admin.adjustLockerCount(controllerId: id, to: 3, by: AdminBench.alice)
        _ = try await bench.admin.setLockerServiceState(
            lockerId: added.lockers[0].record.id, outOfService: true, reasonCode: "MANUAL_DISABLE", reason: nil, by: .apiKey)
        _ = await refusal { () throws(GatewayError) in
            try await bench.admin.adjustLockerCount(controllerId: id, to: 99, by: AdminBench.alice)
        }
        try await bench.admin.removeController(id: id, by: AdminBench.alice)

        let lines = bench.audit.all
        #expect(lines.allSatisfy { $0.contains("[audit]") })
        #expect(bench.audit.matching("controller \(id) added", "caller=admin:alice", "name=Lobby", "kind=simulated").count == 1)
        #expect(bench.audit.matching("controller \(id) updated", "caller=admin:bob", "name=Lobby -> Lobby left").count == 1)
        #expect(bench.audit.matching("locker count of controller \(id) adjusted", "caller=admin:alice", "lockerCount=2 -> 3").count == 1)
        #expect(bench.audit.matching("out of service", "caller=api-key", "reasonCode=MANUAL_DISABLE").count == 1)
        #expect(bench.audit.matching("locker count adjustment refused", "caller=admin:alice", "code=VALIDATION_FAILED").count == 1)
        #expect(bench.audit.matching("controller \(id) removed", "caller=admin:alice").count == 1)
        #expect(lines.count == 6)
        await bench.stop()
    }

    @Test func networkRefreshReadsInterfacesAndIsAudited() async throws {
        let bench = try AdminBench()
        let before = Date()
        let snapshot = bench.admin.refreshNetwork(by: AdminBench.alice)
        #expect(snapshot.at >= before.addingTimeInterval(-1))
        let loopback = try #require(snapshot.interfaces.first { $0.name == "lo" })
        #expect(loopback.addresses.contains { $0.address == "127.0.0.1" })
        #expect(bench.audit.matching("network information refreshed", "caller=admin:alice", "lo").count == 1)
        await bench.stop()
    }
}
