import Foundation
import HarborBridge
import HarborDrivers
import Hummingbird
import HummingbirdTesting
import Testing

/// A whole gateway on a simulated cabinet in a temporary data directory, its
/// router driven in-process. Controllers come online with an explicit poll, so
/// tests decide when the door poller would have run.
struct BridgeHarness {
    static let apiKey = GatewayHarness.apiKey
    static let adminPassword = "harbor-admin-test-password"
    let directory: URL
    let bridge: HarborBridgeService

    static func start(
        directory: URL? = nil, boards: Int = 2, lockersPerBoard: Int = 16,
        configure: (inout BridgeConfiguration) -> Void = { _ in }
    ) async throws -> BridgeHarness {
        let directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-bridge-\(UUID().uuidString)")
        var configuration = BridgeConfiguration()
        configuration.dataDirectory = directory.path
        configuration.simulate = true
        configuration.simulatedBoards = boards
        configuration.simulatedLockersPerBoard = lockersPerBoard
        configuration.apiKey = apiKey
        configuration.adminPassword = adminPassword
        configuration.rebootCommand = ["/bin/true"]
        configure(&configuration)
        // bcrypt's lowest cost: the tests log in often, and the cost is not what they test.
        let bridge = try await HarborBridgeService.build(configuration: configuration, logOutput: { _ in }, passwordCost: 4)
        await bridge.runtime.pollAll()
        return BridgeHarness(directory: directory, bridge: bridge)
    }

    /// Runs `body` against the gateway's router.
    func run(_ body: @Sendable (GatewayClient) async throws -> Void) async throws {
        try await Application(router: bridge.router()).test(.router) { client in
            try await body(GatewayClient(client: client))
        }
    }

    /// Stops the hardware and closes the store, as a shutdown would.
    func stop() async throws {
        await bridge.runtime.shutdown()
        try bridge.store.close()
    }
}

/// Decodes a JSON body into exact values for comparisons.
func body(_ response: TestResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: response.data) as? [String: Any])
}
