import Foundation
import Logging

/// A log handler in front of the gateway's own: it passes every entry on unchanged
/// and feeds the same line to the Sentry reporter (breadcrumbs, error events).
public struct SentryLogTap: LogHandler {
    private var inner: GatewayLogHandler
    private let category: String
    private let reporter: SentryReporter

    /// Taps `inner`, logging under `category`, for `reporter`.
    public init(inner: GatewayLogHandler, category: String, reporter: SentryReporter) {
        self.inner = inner
        self.category = category
        self.reporter = reporter
    }

    /// The wrapped handler's metadata.
    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    /// The wrapped handler's metadata provider.
    public var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    /// The gateway's live level (the journal's).
    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    /// One metadata value of the wrapped handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    /// Logs through the gateway handler, then feeds the line to the reporter.
    public func log(event: LogEvent) {
        inner.log(event: event)
        guard reporter.isEnabled, event.level >= logLevel else { return }
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let flat = merged.mapValues { "\($0)" }
        reporter.observe(LogRecord(
            timestamp: Date(), level: event.level.rawValue, category: category, message: "\(event.message)",
            metadata: flat.isEmpty ? nil : flat))
    }
}
