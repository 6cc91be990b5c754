import Foundation
@testable import HarborBridge
import Hummingbird
import Logging
import Synchronization
import Testing

/// Collects every log line the gateway's own handler writes, at the most verbose level.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    private let journal = LogJournal(level: .trace)

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { [journal] category in
            GatewayLogHandler(category: category, journal: journal) { line in self.append(line) }
        }
        logger.logLevel = .trace
        return logger
    }

    private func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }
}

@Suite struct SecretLoggingTests {
    @Test func noPasswordTokenKeyOrHashReachesTheLog() async throws {
        let captured = CapturedLog()
        var harness = GatewayHarness()
        harness.logger = captured.logger("harbor")
        let newPassword = "the replacement passphrase"
        let wrongGuess = "hunter2-guess-\(UUID().uuidString)"
        var secrets: [String] = [AuthFixture.password, newPassword, wrongGuess, GatewayHarness.apiKey]
        let issued = Mutex<[String]>([])
        try await harness.run { client in
            let token = try await client.login()
            issued.withLock { $0.append(token) }
            _ = try await client.send(.post, "/auth/login", apiKey: nil, basic: ("admin", wrongGuess))
            _ = try await client.send(.post, "/auth/login", apiKey: nil, basic: (wrongGuess, AuthFixture.password))
            _ = try await client.send(.get, "/controllers", apiKey: nil, basic: ("admin", wrongGuess))
            _ = try await client.send(.get, "/lockers", apiKey: GatewayHarness.apiKey + "x")
            _ = try await client.admin(.get, "/controllers", session: token + "x")
            let body = #"{"currentPassword": "\#(AuthFixture.password)", "newPassword": "\#(newPassword)"}"#
            _ = try await client.admin(.post, "/auth/password", body: body, session: token)
            let second = try await client.login(password: newPassword)
            issued.withLock { $0.append(second) }
            _ = try await client.admin(.post, "/auth/logout", session: second)
            for _ in 0..<6 {
                _ = try await client.send(.post, "/auth/login", apiKey: nil, basic: ("admin", wrongGuess))
            }
            let hash = try #require(try await client.auth?.store.adminPasswordHash())
            issued.withLock { $0.append(hash) }
        }
        secrets += issued.withLock { $0 }
        let text = captured.text
        #expect(text.contains("admin session opened"), "the logins were logged")
        #expect(text.contains("admin authentication failed"))
        #expect(text.contains("throttled"))
        for secret in secrets {
            #expect(!text.contains(secret), "a secret reached the log")
            #expect(!text.contains(Data("admin:\(secret)".utf8).base64EncodedString()), "nor a Basic header")
        }
        #expect(!text.contains(SessionToken.digest(secrets[4])), "nor a token's digest")
    }

    @Test func printingASessionOrLoginAnswerHidesTheToken() {
        let session = AdminSession(token: "hgs_secret", user: "admin", expiresAt: Date(timeIntervalSince1970: 0))
        #expect(!String(describing: session).contains("hgs_secret"))
        #expect(!String(reflecting: session).contains("hgs_secret"))
        let answer = LoginResponse(token: "hgs_secret", expiresAt: Date(timeIntervalSince1970: 0))
        #expect(!"\(answer)".contains("hgs_secret"))
        let change = ChangePasswordRequest(currentPassword: "old secret", newPassword: "new secret value")
        #expect(!"\(change)".contains("secret"))
    }
}
