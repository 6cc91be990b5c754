import Foundation
@testable import HarborBridge
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// `GET /events` over real loopback HTTP: credentials, a door change streamed as
/// it happens, subscribers released when the client leaves or the session ends,
/// and open streams ended by a graceful shutdown.
@Suite(.timeLimit(.minutes(1))) struct EventStreamTests {
    /// The end of a chunked body: the stream was closed by the server.
    static let streamEnd = "\r\n0\r\n\r\n"

    /// Serves the harness's gateway on a loopback port (heartbeats every 100 ms);
    /// a graceful shutdown follows `body`.
    static func serving(
        _ harness: BridgeHarness, _ body: @Sendable (GatewayClient, Int) async throws -> Void
    ) async throws {
        // The live test framework binds localhost on a free port.
        let app = Application(router: harness.bridge.router(eventHeartbeat: .milliseconds(100)))
        try await app.test(.live) { client in
            try await body(GatewayClient(client: client), try #require(client.port))
        }
    }

    /// Waits until the broadcast has `count` subscribers.
    static func waitForSubscribers(_ count: Int, of harness: BridgeHarness) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while harness.bridge.events.subscriberCount != count {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    @Test func theStreamNeedsCredentialsAndTheQueryTokenOpensOnlyIt() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        try await Self.serving(harness) { client, _ in
            try expectError(try await client.send(.get, "/events", apiKey: nil), .unauthorized, .unauthorized)
            try expectError(try await client.send(.get, "/events", apiKey: "wrong"), .unauthorized, .unauthorized)
            let forged = "hgs_" + String(repeating: "A", count: 43)
            try expectError(try await client.send(.get, "/events?token=\(forged)", apiKey: nil), .unauthorized, .unauthorized)
            let token = try await client.login(password: BridgeHarness.adminPassword)
            // The URL token is for EventSource on this one route: elsewhere it is no credential.
            try expectError(try await client.send(.get, "/lockers?token=\(token)", apiKey: nil), .unauthorized, .unauthorized)
        }
        #expect(harness.bridge.events.subscriberCount == 0)
        try await harness.stop()
    }

    @Test func aDoorOpenedByTheAPIIsStreamedToTheSession() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 2)
        try await Self.serving(harness) { client, port in
            let token = try await client.login(password: BridgeHarness.adminPassword)
            let stream = try await EventStreamClient.open(port: port, path: "/events?token=\(token)")
            #expect(try await stream.read(untilContains: "retry: 3000"))
            #expect(stream.text.hasPrefix("HTTP/1.1 200"))
            #expect(stream.text.lowercased().contains("content-type: text/event-stream; charset=utf-8"))
            #expect(!stream.text.contains(token), "the token is never echoed")

            #expect(try await client.send(.post, "/lockers/2/open").status == .ok)
            let door = #"event: door"# + "\n" + #"data: {"doorState":"open","lockerId":2,"previousDoorState":"closed"}"# + "\n\n"
            let seen = try await stream.read(untilContains: door)
            #expect(seen, "\(stream.text)")
            stream.close()
        }
        try await harness.stop()
    }

    @Test func theAPIKeyStreamGetsHeartbeatsAndLeavesWithTheClient() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 1)
        try await Self.serving(harness) { _, port in
            let stream = try await EventStreamClient.open(
                port: port, path: "/events", headers: ["X-API-Key": BridgeHarness.apiKey])
            #expect(try await stream.read(untilContains: ": heartbeat"))
            #expect(try await Self.waitForSubscribers(1, of: harness))
            stream.close()
            // The next heartbeat's write fails and the subscription is released.
            #expect(try await Self.waitForSubscribers(0, of: harness))
        }
        try await harness.stop()
    }

    @Test func aSessionStreamEndsWithItsSession() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 1)
        try await Self.serving(harness) { client, port in
            let token = try await client.login(password: BridgeHarness.adminPassword)
            let stream = try await EventStreamClient.open(port: port, path: "/events?token=\(token)")
            #expect(try await stream.read(untilContains: "retry: 3000"))
            #expect(try await client.send(.post, "/auth/logout", apiKey: nil, session: token).status == .ok)
            #expect(try await stream.read(untilContains: Self.streamEnd), "\(stream.text)")
            #expect(try await Self.waitForSubscribers(0, of: harness))
        }
        try await harness.stop()
    }

    @Test func aGracefulShutdownEndsAnOpenStream() async throws {
        let harness = try await BridgeHarness.start(boards: 1, lockersPerBoard: 1)
        let stream = try await Self.openStreamThenShutDown(harness)
        // `serving` returned: the server stopped although the stream was open.
        #expect(try await stream.read(untilContains: Self.streamEnd, within: .seconds(2)), "\(stream.text)")
        #expect(harness.bridge.events.subscriberCount == 0)
        try await harness.stop()
    }

    private static func openStreamThenShutDown(_ harness: BridgeHarness) async throws -> EventStreamClient {
        let opened = OpenedStream()
        try await serving(harness) { _, port in
            let stream = try await EventStreamClient.open(
                port: port, path: "/events", headers: ["X-API-Key": BridgeHarness.apiKey])
            #expect(try await stream.read(untilContains: "retry: 3000"))
            opened.stream = stream
        }
        return try #require(opened.stream)
    }
}

/// Hands the stream out of the serving closure.
private final class OpenedStream: Sendable {
    private let box = Mutex<EventStreamClient?>(nil)
    var stream: EventStreamClient? {
        get { box.withLock { $0 } }
        set { box.withLock { $0 = newValue } }
    }
}
