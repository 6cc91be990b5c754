import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Hands an envelope to the receiver; true when it answered 2xx.
public protocol SentryTransport: Sendable {
    /// Sends one envelope, giving up after the transport's own timeout; never throws.
    func deliver(_ envelope: SentryEnvelope) async -> Bool
}

/// POSTs envelopes to the DSN's envelope endpoint with URLSession.
public struct HTTPSentryTransport: SentryTransport {
    let dsn: SentryDSN
    let clientVersion: String
    let timeout: TimeInterval

    /// A transport to `dsn` that waits at most `timeout` seconds per envelope.
    public init(dsn: SentryDSN, clientVersion: String = GatewayIdentity.version, timeout: TimeInterval = 5) {
        self.dsn = dsn
        self.clientVersion = clientVersion
        self.timeout = timeout
    }

    /// POSTs the envelope; true on a 2xx answer within the timeout.
    public func deliver(_ envelope: SentryEnvelope) async -> Bool {
        guard let url = dsn.envelopeURL else { return false }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/x-sentry-envelope", forHTTPHeaderField: "Content-Type")
        request.setValue(dsn.authHeader(clientVersion: clientVersion), forHTTPHeaderField: "X-Sentry-Auth")
        request.httpBody = envelope.body
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            guard let status = (response as? HTTPURLResponse)?.statusCode else { return false }
            return (200..<300).contains(status)
        } catch {
            return false
        }
    }
}
