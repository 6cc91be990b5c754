import Foundation

/// One persisted log line for `GET /system/logs`.
public struct LogRecord: Sendable, Equatable {
    /// Levels from least to most severe (the swift-log names).
    public static let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Store-assigned id, increasing with time; ignored when appending.
    public var id: Int64
    /// When the event happened.
    public var timestamp: Date
    /// One of `levels`.
    public var level: String
    /// Subsystem that logged (e.g. `bus`, `http`, `store`).
    public var category: String
    /// The message for people.
    public var message: String
    /// Structured fields; never a secret.
    public var metadata: [String: String]?

    /// A log record with every field given.
    public init(
        id: Int64 = 0, timestamp: Date, level: String, category: String, message: String,
        metadata: [String: String]? = nil
    ) {
        self.id = id
        self.timestamp = timestamp
        self.level = level
        self.category = category
        self.message = message
        self.metadata = metadata
    }

    /// Position of a level in `levels`, used as a sortable column.
    static func rank(of level: String) throws(StoreError) -> Int {
        guard let rank = levels.firstIndex(of: level) else { throw .invalidLogLevel(level) }
        return rank
    }
}
