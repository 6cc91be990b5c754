import Foundation

/// Why a Sentry DSN cannot be used.
public enum SentryDSNError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not `scheme://publicKey@host[:port]/projectId`; `reason` says which part.
    case malformed(reason: String)

    /// Stable code of the error.
    public var code: String { "SENTRY_DSN_INVALID" }

    /// The reason for people.
    public var description: String {
        switch self {
        case let .malformed(reason): "not a Sentry DSN (scheme://publicKey@host[:port]/projectId): \(reason)"
        }
    }
}

/// Where Sentry events go: a DSN split into the parts the envelope endpoint and
/// the `X-Sentry-Auth` header need.
public struct SentryDSN: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// The project's public key, sent as `sentry_key`.
    public let publicKey: String
    /// Host name or address of the receiver.
    public let host: String
    /// Port when the DSN names one.
    public let port: Int?
    /// Path before the project id (self-hosted Sentry behind a prefix), without slashes at the ends.
    public let pathPrefix: String
    /// The project the events belong to.
    public let projectId: String

    /// Parses `scheme://publicKey@host[:port]/projectId`, also with a path prefix before the id.
    public init(parsing text: String) throws(SentryDSNError) {
        guard let components = URLComponents(string: text) else { throw .malformed(reason: "not a URL") }
        guard let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw .malformed(reason: "the scheme must be http or https")
        }
        guard let key = components.user, !key.isEmpty else { throw .malformed(reason: "no public key before @") }
        guard let host = components.host, !host.isEmpty else { throw .malformed(reason: "no host") }
        if let port = components.port, !(1...65535).contains(port) {
            throw .malformed(reason: "port \(port) is outside 1...65535")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .malformed(reason: "a DSN has no query or fragment")
        }
        var segments = components.path.split(separator: "/").map(String.init)
        guard let project = segments.popLast(), !project.isEmpty else { throw .malformed(reason: "no project id") }
        guard project.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .malformed(reason: "project id \(project) has unexpected characters")
        }
        self.scheme = scheme
        self.publicKey = key
        self.host = host
        self.port = components.port
        self.pathPrefix = segments.joined(separator: "/")
        self.projectId = project
        self.text = text
    }

    private let text: String

    /// The DSN as configured (it holds only the public key, so it may appear in envelopes).
    public var description: String { text }

    /// `<scheme>://<host>[:port][/prefix]/api/<projectId>/envelope/`.
    public var envelopeURL: URL? {
        var components = URLComponents()
        components.scheme = scheme
        components.host = host
        components.port = port
        components.path = (pathPrefix.isEmpty ? "" : "/" + pathPrefix) + "/api/\(projectId)/envelope/"
        return components.url
    }

    /// The `X-Sentry-Auth` header value for a client at `version`.
    public func authHeader(clientVersion: String) -> String {
        "Sentry sentry_version=7, sentry_client=harbor-gateway/\(clientVersion), sentry_key=\(publicKey)"
    }
}
