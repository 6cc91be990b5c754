import Foundation
@testable import HarborBridge
import Testing

@Suite struct SentryDSNTests {
    @Test func splitsADSNIntoItsParts() throws {
        let dsn = try SentryDSN(parsing: "https://abc123@o1.ingest.sentry.io:8443/4505")
        #expect(dsn.scheme == "https")
        #expect(dsn.publicKey == "abc123")
        #expect(dsn.host == "o1.ingest.sentry.io")
        #expect(dsn.port == 8443)
        #expect(dsn.projectId == "4505")
        #expect(dsn.envelopeURL?.absoluteString == "https://o1.ingest.sentry.io:8443/api/4505/envelope/")
        #expect(dsn.authHeader(clientVersion: "1.2.3")
            == "Sentry sentry_version=7, sentry_client=harbor-gateway/1.2.3, sentry_key=abc123")
    }

    @Test func keepsAPathPrefixAndOmitsAMissingPort() throws {
        let dsn = try SentryDSN(parsing: "http://key@sentry.local/prefix/7")
        #expect(dsn.port == nil)
        #expect(dsn.envelopeURL?.absoluteString == "http://sentry.local/prefix/api/7/envelope/")
    }

    @Test(arguments: [
        "", "not a dsn", "ftp://key@host/1", "http://host/1", "http://key@/1", "http://key@host", "http://key@host/",
        "http://key@host/1?x", "http://key@host/a b",
    ])
    func refusesWhatIsNotADSN(_ text: String) {
        #expect(throws: SentryDSNError.self) { try SentryDSN(parsing: text) }
    }

    @Test func configurationReadsTheDSNFromTheFileAndTheEnvironment() throws {
        let directory = sentryScratchDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("harbor.yaml").path
        try "sentryDsn: http://filekey@127.0.0.1:9000/1\nsentryEnvironment: staging\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let fromFile = try BridgeConfiguration.load(file: path, environment: [:], overrides: .init())
        #expect(fromFile.sentryDsn == "http://filekey@127.0.0.1:9000/1")
        #expect(fromFile.sentryEnvironment == "staging")
        let fromEnvironment = try BridgeConfiguration.load(
            file: path, environment: ["HARBOR_SENTRY_DSN": "https://envkey@sentry.io/2", "HARBOR_SENTRY_ENVIRONMENT": "lab"],
            overrides: .init())
        #expect(fromEnvironment.sentryDsn == "https://envkey@sentry.io/2")
        #expect(fromEnvironment.sentryEnvironment == "lab")
        #expect(BridgeConfiguration().sentryDsn == nil)
        #expect(BridgeConfiguration().sentryEnvironment == "production")
    }

    @Test func configurationRefusesAMalformedDSN() {
        #expect(throws: ConfigurationError.self) {
            try BridgeConfiguration.load(file: nil, environment: ["HARBOR_SENTRY_DSN": "http://host/1"], overrides: .init())
        }
    }
}
