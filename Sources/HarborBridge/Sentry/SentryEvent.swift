import Foundation

/// One line of recent log history sent along with an event.
public struct SentryBreadcrumb: Codable, Sendable, Equatable {
    /// When it was logged, in seconds since 1970.
    public var timestamp: Double
    /// The Sentry level (`debug`, `info`, `warning`, `error`, `fatal`).
    public var level: String
    /// The log category (`audit`, `hardware`, ...).
    public var category: String
    /// The log message.
    public var message: String
    /// The log line's metadata.
    public var data: [String: String]?

    /// The breadcrumb of a log record.
    public init(_ record: LogRecord) {
        timestamp = record.timestamp.timeIntervalSince1970
        level = SentryEvent.level(of: record.level)
        category = record.category
        message = record.message
        data = record.metadata
    }
}

/// The exception part of an event: a type and a value, the way Sentry groups errors.
public struct SentryException: Codable, Sendable, Equatable {
    /// The kinds of error, one per entry (here always one).
    public var values: [Value]

    /// One error: its type (the stable code) and its text.
    public struct Value: Codable, Sendable, Equatable {
        /// The error's type, e.g. `HARDWARE_TIMEOUT`.
        public var type: String
        /// The error's text.
        public var value: String
    }
}

/// The event payload of an envelope, in the fields Sentry's event schema names.
public struct SentryEvent: Codable, Sendable, Equatable {
    /// 32 lowercase hex digits (a UUID without dashes).
    public var eventId: String
    /// When the error happened, in seconds since 1970.
    public var timestamp: Double
    /// Always `other` (no Sentry SDK of this language).
    public var platform = "other"
    /// The Sentry level.
    public var level: String
    /// The log category the error came from.
    public var logger: String
    /// The error's text.
    public var message: String
    /// The error's type and text when it has a stable code.
    public var exception: SentryException?
    /// `harbor-gateway@<version>`.
    public var release: String
    /// From the configuration (`production` by default).
    public var environment: String
    /// The host name of the gateway.
    public var serverName: String
    /// Searchable fields: controller, locker, code, category.
    public var tags: [String: String]
    /// The log lines before the error.
    public var breadcrumbs: [SentryBreadcrumb]

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id", timestamp, platform, level, logger, message, exception, release, environment
        case serverName = "server_name", tags, breadcrumbs
    }

    /// A new id in Sentry's form.
    public static func newEventId() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// The Sentry level of a gateway log level.
    public static func level(of logLevel: String) -> String {
        switch logLevel {
        case "trace", "debug": "debug"
        case "notice", "info": "info"
        case "warning": "warning"
        case "critical": "fatal"
        default: "error"
        }
    }

    /// The JSON payload.
    public func payload() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, number, array or dictionary of those: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}

/// The gateway-wide fields every event carries.
public struct SentryEventContext: Sendable, Equatable {
    /// `harbor-gateway@<version>`.
    public var release: String
    /// The configured environment.
    public var environment: String
    /// The host name.
    public var serverName: String
    /// The client version sent in `X-Sentry-Auth`.
    public var clientVersion: String

    /// The context of this build on this host.
    public init(
        version: String = GatewayIdentity.version, environment: String,
        serverName: String = ProcessInfo.processInfo.hostName
    ) {
        release = "harbor-gateway@\(version)"
        self.environment = environment
        self.serverName = serverName
        clientVersion = version
    }

    /// An event for a log record, tagged from its metadata, with `breadcrumbs` before it.
    public func event(for record: LogRecord, breadcrumbs: [LogRecord]) -> SentryEvent {
        let metadata = record.metadata ?? [:]
        var tags = ["category": record.category]
        for key in ["controller", "locker", "code", "transaction"] {
            if let value = metadata[key] { tags[key] = value }
        }
        let exception = metadata["code"].map {
            SentryException(values: [.init(type: $0, value: record.message)])
        }
        return SentryEvent(
            eventId: SentryEvent.newEventId(), timestamp: record.timestamp.timeIntervalSince1970,
            level: SentryEvent.level(of: record.level), logger: record.category, message: record.message,
            exception: exception, release: release, environment: environment, serverName: serverName,
            tags: tags, breadcrumbs: breadcrumbs.map(SentryBreadcrumb.init))
    }
}
