import Foundation
@testable import HarborBridge
import Synchronization

/// A receiver that accepts or refuses envelopes as the test says, recording what it accepted.
final class ScriptedSentryTransport: SentryTransport {
    private struct State {
        var accepting: Bool
        var accepted: [SentryEnvelope] = []
        var attempts = 0
    }

    private let state: Mutex<State>

    init(accepting: Bool) {
        state = Mutex(State(accepting: accepting))
    }

    var accepting: Bool {
        get { state.withLock { $0.accepting } }
        set { state.withLock { $0.accepting = newValue } }
    }

    var accepted: [SentryEnvelope] { state.withLock { $0.accepted } }
    var attempts: Int { state.withLock { $0.attempts } }

    func deliver(_ envelope: SentryEnvelope) async -> Bool {
        state.withLock { state in
            state.attempts += 1
            if state.accepting { state.accepted.append(envelope) }
            return state.accepting
        }
    }
}

/// A queue directory under the temporary directory.
func sentryScratchDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("harbor-sentry-\(UUID().uuidString)", isDirectory: true)
}

/// The DSN the unit tests send to.
func testDSN() throws -> SentryDSN {
    try SentryDSN(parsing: "http://publickey@127.0.0.1:9/42")
}

/// A reporter on `directory` (memory only when nil) with `transport`.
func makeReporter(
    directory: URL?, transport: ScriptedSentryTransport, capacity: Int = 100
) throws -> SentryReporter {
    SentryReporter(
        dsn: try testDSN(), context: SentryEventContext(version: "9.9.9", environment: "test", serverName: "cabinet-7"),
        queue: SentryQueue(directory: directory, capacity: capacity), transport: transport)
}

/// The envelope's three lines parsed as JSON objects.
func envelopeLines(_ envelope: SentryEnvelope) throws -> [[String: Any]] {
    try envelope.body.split(separator: 0x0A).map { line in
        (try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]) ?? [:]
    }
}

/// Polls `condition` until it holds or a few seconds pass.
func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<500 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
