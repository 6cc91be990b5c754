import Foundation

/// How `harbor-bridge` starts: where it listens and keeps its data, its secrets,
/// the controllers declared up front and the first values of its settings.
///
/// Sources, each overriding the one before: defaults, the configuration file
/// (YAML or JSON), `HARBOR_*` environment variables, command-line flags.
public struct BridgeConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "/var/lib/harbor-gateway"
    /// With no controllers declared, build a simulated cabinet.
    public var simulate = false
    /// Boards and lockers of the simulated cabinet.
    public var simulatedBoards = 2
    public var simulatedLockersPerBoard = 16
    public var apiKey: String?
    public var adminPassword: String?
    public var controllers: [ControllerDeclaration] = []
    /// Settings used until an operator stores others through the API.
    public var settings = GatewaySettings()
    /// What `POST /system/reboot` runs: a program (absolute, or found on PATH) and its arguments.
    public var rebootCommand = ["systemctl", "reboot"]
    /// Where errors are reported (`scheme://publicKey@host[:port]/projectId`); none turns Sentry off.
    public var sentryDsn: String?
    /// The `environment` of every Sentry event.
    public var sentryEnvironment = "production"

    public init() {}
}

/// The configuration file's shape; every key is optional.
struct BridgeConfigurationFile: Decodable {
    var host: String?
    var port: Int?
    var dataDirectory: String?
    var simulate: Bool?
    var simulatedBoards: Int?
    var simulatedLockersPerBoard: Int?
    var apiKey: String?
    var adminPassword: String?
    var controllers: [ControllerDeclaration]?
    var settings: PartialSettings?
    var rebootCommand: [String]?
    var sentryDsn: String?
    var sentryEnvironment: String?

    struct PartialSettings: Decodable {
        var gatewayName: String?
        var pulseMs: Int?
        var statusPollIntervalMs: Int?
        var openAllConcurrency: Int?
        var openAllSpacingMs: Int?
        var logLevel: GatewayLogLevel?
        var sessionIdleTimeoutSeconds: Int?
        var sessionAbsoluteTimeoutSeconds: Int?
        var autoAddDiscoveredControllers: Bool?
    }
}

/// Why the configuration cannot be used. The bridge refuses to start on it.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(source: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read configuration \(path): \(reason)"
        case let .invalid(source, reason): "invalid configuration (\(source)): \(reason)"
        }
    }
}

extension BridgeConfiguration {
    /// Command-line flags, the last word.
    public struct Overrides: Sendable, Equatable {
        public var host: String?
        public var port: Int?
        public var dataDirectory: String?
        public var simulate: Bool?

        public init(host: String? = nil, port: Int? = nil, dataDirectory: String? = nil, simulate: Bool? = nil) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.simulate = simulate
        }
    }

    /// Loads defaults, then the file (`file`, else `HARBOR_CONFIG`), then the
    /// environment, then the flags, and validates the result.
    public static func load(
        file: String?, environment: [String: String], overrides: Overrides
    ) throws(ConfigurationError) -> BridgeConfiguration {
        var configuration = BridgeConfiguration()
        if let path = file ?? environment["HARBOR_CONFIG"] {
            configuration.apply(try readFile(path), source: path)
        }
        try configuration.apply(environment: environment)
        if let host = overrides.host { configuration.host = host }
        if let port = overrides.port { configuration.port = port }
        if let directory = overrides.dataDirectory { configuration.dataDirectory = directory }
        if let simulate = overrides.simulate { configuration.simulate = simulate }
        try configuration.validate()
        return configuration
    }

    static func readFile(_ path: String) throws(ConfigurationError) -> BridgeConfigurationFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        do {
            if path.hasSuffix(".json") {
                return try JSONDecoder().decode(BridgeConfigurationFile.self, from: Data(text.utf8))
            }
            // YAML is a superset of JSON, so any other name is read as YAML, by a decoder
            // that needs no regular expressions (YAMLDecoder's tag resolver maps them at every start).
            return try ConfigurationYAMLDecoder().decode(BridgeConfigurationFile.self, from: text)
        } catch {
            throw .invalid(source: path, reason: String(describing: error))
        }
    }

    mutating func apply(_ file: BridgeConfigurationFile, source: String) {
        host = file.host ?? host
        port = file.port ?? port
        dataDirectory = file.dataDirectory ?? dataDirectory
        simulate = file.simulate ?? simulate
        simulatedBoards = file.simulatedBoards ?? simulatedBoards
        simulatedLockersPerBoard = file.simulatedLockersPerBoard ?? simulatedLockersPerBoard
        apiKey = file.apiKey ?? apiKey
        adminPassword = file.adminPassword ?? adminPassword
        controllers = file.controllers ?? controllers
        rebootCommand = file.rebootCommand ?? rebootCommand
        sentryDsn = file.sentryDsn ?? sentryDsn
        sentryEnvironment = file.sentryEnvironment ?? sentryEnvironment
        guard let partial = file.settings else { return }
        settings.gatewayName = partial.gatewayName ?? settings.gatewayName
        settings.pulseMs = partial.pulseMs ?? settings.pulseMs
        settings.statusPollIntervalMs = partial.statusPollIntervalMs ?? settings.statusPollIntervalMs
        settings.openAllConcurrency = partial.openAllConcurrency ?? settings.openAllConcurrency
        settings.openAllSpacingMs = partial.openAllSpacingMs ?? settings.openAllSpacingMs
        settings.logLevel = partial.logLevel ?? settings.logLevel
        settings.sessionIdleTimeoutSeconds = partial.sessionIdleTimeoutSeconds ?? settings.sessionIdleTimeoutSeconds
        settings.sessionAbsoluteTimeoutSeconds =
            partial.sessionAbsoluteTimeoutSeconds ?? settings.sessionAbsoluteTimeoutSeconds
        settings.autoAddDiscoveredControllers =
            partial.autoAddDiscoveredControllers ?? settings.autoAddDiscoveredControllers
    }

    mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        func integer(_ name: String) throws(ConfigurationError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text) else { throw .invalid(source: name, reason: "\(text) is not a number") }
            return value
        }
        host = environment["HARBOR_HOST"] ?? host
        port = try integer("HARBOR_PORT") ?? port
        dataDirectory = environment["HARBOR_DATA_DIR"] ?? environment["STATE_DIRECTORY"] ?? dataDirectory
        if let flag = environment["HARBOR_SIMULATE"] {
            simulate = ["1", "true", "yes", "on"].contains(flag.lowercased())
        }
        apiKey = environment["HARBOR_API_KEY"] ?? apiKey
        adminPassword = environment["HARBOR_ADMIN_PASSWORD"] ?? adminPassword
        if let command = environment["HARBOR_REBOOT_COMMAND"] {
            rebootCommand = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        settings.gatewayName = environment["HARBOR_GATEWAY_NAME"] ?? settings.gatewayName
        sentryDsn = environment["HARBOR_SENTRY_DSN"] ?? sentryDsn
        sentryEnvironment = environment["HARBOR_SENTRY_ENVIRONMENT"] ?? sentryEnvironment
        if let level = environment["HARBOR_LOG_LEVEL"] {
            guard let parsed = GatewayLogLevel(rawValue: level.lowercased()) else {
                throw .invalid(source: "HARBOR_LOG_LEVEL", reason: "\(level) is not a log level")
            }
            settings.logLevel = parsed
        }
    }

    func validate() throws(ConfigurationError) {
        // Port 0 asks the system for a free port (tests, benchmarks); the bound one is logged.
        guard (0...65535).contains(port) else { throw .invalid(source: "port", reason: "\(port) is outside 0...65535") }
        guard !dataDirectory.isEmpty else { throw .invalid(source: "dataDirectory", reason: "is empty") }
        guard (1...16).contains(simulatedBoards), (1...31).contains(simulatedLockersPerBoard) else {
            throw .invalid(source: "simulatedBoards", reason: "1...16 boards of 1...31 lockers")
        }
        guard let program = rebootCommand.first, RebootCommand.executable(program) != nil else {
            throw .invalid(
                source: "rebootCommand",
                reason: "needs a program given by absolute path or found on PATH, got \(rebootCommand.joined(separator: " "))")
        }
        if let sentryDsn, !sentryDsn.isEmpty {
            do throws(SentryDSNError) {
                _ = try SentryDSN(parsing: sentryDsn)
            } catch {
                throw .invalid(source: "sentryDsn", reason: error.description)
            }
        }
        guard !sentryEnvironment.isEmpty else { throw .invalid(source: "sentryEnvironment", reason: "is empty") }
        if let apiKey, apiKey.count < 16 {
            throw .invalid(source: "apiKey", reason: "must be at least 16 characters")
        }
        do throws(SettingsError) {
            try settings.validate()
            for (index, controller) in controllers.enumerated() {
                do {
                    try controller.validate()
                } catch {
                    throw SettingsError.invalid(field: "controllers[\(index)].\(error.field)", reason: error.description)
                }
            }
        } catch {
            throw .invalid(source: error.field, reason: error.description)
        }
    }
}
