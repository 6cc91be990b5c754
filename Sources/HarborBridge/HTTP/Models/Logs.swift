import Foundation

/// One log line kept by the gateway (schema `LogEntry`).
public struct LogEntry: Codable, Sendable, Equatable {
    /// Increases with every entry.
    public var id: Int64
    /// When the event happened.
    public var timestamp: Date
    /// Severity of the entry.
    public var level: LogLevel
    /// Subsystem, e.g. `bus`, `http`, `auth`.
    public var category: String
    /// The message for people.
    public var message: String
    /// Structured context, never a secret; left out of the JSON when nil.
    public var metadata: [String: String]?

    /// A log entry with every field given.
    public init(
        id: Int64, timestamp: Date, level: LogLevel, category: String, message: String,
        metadata: [String: String]? = nil
    ) {
        self.id = id
        self.timestamp = timestamp
        self.level = level
        self.category = category
        self.message = message
        self.metadata = metadata
    }
}

/// Matching log entries, newest first (schema `LogList`).
public struct LogList: Codable, Sendable, Equatable {
    /// Entries, newest first.
    public var logs: [LogEntry]

    /// A list of entries.
    public init(logs: [LogEntry]) {
        self.logs = logs
    }
}
