import AsyncHTTPClient
import Foundation
import NIOCore

/// Hands an envelope to the receiver; true when it answered 2xx.
public protocol SentryTransport: Sendable {
    /// Sends one envelope, giving up after the transport's own timeout; never throws.
    func deliver(_ envelope: SentryEnvelope) async -> Bool
}

/// POSTs envelopes to the DSN's envelope endpoint with AsyncHTTPClient's shared
/// client (SwiftNIO's shared event loops, http and https).
public struct HTTPSentryTransport: SentryTransport {
    let dsn: SentryDSN
    let clientVersion: String
    let timeout: Duration

    /// A transport to `dsn` that waits at most `timeout` per envelope.
    public init(dsn: SentryDSN, clientVersion: String = GatewayIdentity.version, timeout: Duration = .seconds(5)) {
        self.dsn = dsn
        self.clientVersion = clientVersion
        self.timeout = timeout
    }

    /// POSTs the envelope; true on a 2xx answer within the timeout.
    public func deliver(_ envelope: SentryEnvelope) async -> Bool {
        guard let url = dsn.envelopeURL else { return false }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-sentry-envelope")
        request.headers.add(name: "X-Sentry-Auth", value: dsn.authHeader(clientVersion: clientVersion))
        request.body = .bytes(ByteBuffer(bytes: envelope.body))
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(milliseconds))
            // Sentry answers with a small JSON body; read it so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(response.status.code)
        } catch {
            return false
        }
    }
}
