import Foundation
import Logging

/// swift-log handler of the gateway: one structured line on stdout per entry for
/// journald (with the `<N>` syslog priority prefix journald reads) and an entry in
/// the log journal that `GET /system/logs` serves. The level is the journal's, so
/// changing it in the settings takes effect at once.
public struct GatewayLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let category: String
    private let journal: LogJournal
    private let output: @Sendable (String) -> Void

    public init(
        category: String, journal: LogJournal,
        output: @escaping @Sendable (String) -> Void = GatewayLogHandler.standardOutput
    ) {
        self.category = category
        self.journal = journal
        self.output = output
    }

    /// Writes a whole line to stdout with one `write(2)` so concurrent lines do not
    /// interleave (straight from the string's bytes: every audited open logs a line).
    public static let standardOutput: @Sendable (String) -> Void = { line in
        var text = line + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return  // stdout closed or full: a log line is not worth blocking an open for
                }
            }
        }
    }

    public var logLevel: Logger.Level {
        get { Logger.Level(journal.currentLevel) }
        set { journal.currentLevel = GatewayLogLevel(newValue) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let level = GatewayLogLevel(event.level)
        guard level >= journal.currentLevel else { return }
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata {
            if merged.isEmpty { merged = extra } else { merged.merge(extra) { _, new in new } }
        }
        let flat = merged.mapValues { "\($0)" }
        let message = "\(event.message)"
        var line = "<\(level.syslogPriority)>\(level.rawValue) [\(category)] \(message)"
        for key in flat.keys.sorted() {
            line += " \(key)=\(flat[key] ?? "")"
        }
        output(line)
        journal.record(level: level, category: category, message: message, metadata: flat)
    }
}

extension GatewayLogLevel {
    init(_ level: Logger.Level) {
        self = GatewayLogLevel(rawValue: level.rawValue) ?? .info
    }

    /// The syslog priority journald files a line under.
    var syslogPriority: Int {
        switch self {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}

extension Logger.Level {
    init(_ level: GatewayLogLevel) {
        self = Logger.Level(rawValue: level.rawValue) ?? .info
    }
}
