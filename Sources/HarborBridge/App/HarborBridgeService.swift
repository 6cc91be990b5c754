import Foundation
import HarborDrivers
import HarborSystemd
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// Everything `harbor-bridge` runs, built from its configuration: the store, the
/// hardware runtime, the door poller, the log writer and the HTTP application.
/// Tests build it the same way and drive its router or its port.
public struct HarborBridgeService: Sendable {
    public let configuration: BridgeConfiguration
    public let store: HarborStore
    public let runtime: HardwareRuntime
    public let settings: SettingsCenter
    public let gateway: LockerGateway
    public let journal: LogJournal
    public let apiKey: String
    public let sessions: SessionManager
    public let administration: CabinetAdministration
    public let reboots: RebootScheduler
    public let discovery: ControllerDiscovery
    /// Opens, controller round trips, controllers online and HTTP traffic, for `GET /metrics`.
    public let metrics: GatewayMetrics
    /// Error reports to Sentry; disabled without a DSN.
    public let sentry: SentryReporter
    /// Live locker and controller changes, streamed by `GET /events`.
    public let events: LockerEventBroadcast
    let watch: LockerWatch
    let journalWriter: LogJournalWriter
    let poller: DoorStatePoller
    let logger: Logger

    /// Opens the store, seeds the controllers, starts nothing yet.
    public static func build(
        configuration: BridgeConfiguration,
        logOutput: @escaping @Sendable (String) -> Void = GatewayLogHandler.standardOutput,
        factory: ControllerFactory? = nil,
        passwordCost: UInt8 = AdminCredentials.defaultCost
    ) async throws -> HarborBridgeService {
        let journal = LogJournal(level: configuration.settings.logLevel)
        let sentry = SentryReporter.configured(by: configuration)
        let makeLogger: @Sendable (String) -> Logger = { label in
            Logger(label: label) {
                SentryLogTap(
                    inner: GatewayLogHandler(category: $0, journal: journal, output: logOutput),
                    category: $0, reporter: sentry)
            }
        }
        let logger = makeLogger("bridge")
        let store = try HarborStore(directory: URL(fileURLWithPath: configuration.dataDirectory))
        let apiKey = try Self.apiKey(configuration, logger: logger)
        if let note = try await AdminCredentials.bootstrap(
            store: store, password: configuration.adminPassword, dataDirectory: configuration.dataDirectory,
            cost: passwordCost) {
            logger.notice("\(note)")
        }
        for note in try await CabinetBootstrap.seed(store, configuration: configuration) {
            logger.notice("\(note)")
        }

        let hardwareLog = makeLogger("hardware")
        let events = LockerEventBroadcast()
        let runtime = HardwareRuntime(
            factory: factory ?? ControllerFactory(
                timeouts: BoardTimeouts(defaultPulse: .milliseconds(configuration.settings.pulseMs))),
            events: { event in
                HardwareEventLog.record(event, in: hardwareLog)
                events.publish(LockerEvent(event))
            })
        let metrics = GatewayMetrics { [weak runtime] in
            guard let runtime else { return [] }
            return Array(await runtime.statuses().values)
        }
        await runtime.record(into: metrics)
        let settings = try await SettingsCenter(defaults: configuration.settings, store: store) { old, new in
            journal.currentLevel = new.logLevel
            if old.pulseMs != new.pulseMs { await runtime.setDefaultPulse(.milliseconds(new.pulseMs)) }
        }
        journal.currentLevel = settings.settings.logLevel
        await runtime.setDefaultPulse(.milliseconds(settings.settings.pulseMs))
        await runtime.load(controllers: try await store.controllers(), lockers: try await store.lockers())

        let journalWriter = LogJournalWriter(journal: journal, store: store)
        let gateway = LockerGateway(
            store: store, runtime: runtime, settings: settings, journal: journalWriter,
            identity: GatewayIdentity(dataDirectory: configuration.dataDirectory), audit: makeLogger("audit"))
        let poller = DoorStatePoller(runtime: runtime) {
            .milliseconds(settings.settings.statusPollIntervalMs)
        }
        let sessions = SessionManager(
            store: store, credentials: AdminCredentials(store: store, cost: passwordCost),
            limits: {
                let current = settings.settings
                return (.seconds(current.sessionIdleTimeoutSeconds), .seconds(current.sessionAbsoluteTimeoutSeconds))
            },
            logger: makeLogger("auth"))
        let audit = makeLogger("audit")
        let administration = CabinetAdministration(store: store, runtime: runtime, audit: audit)
        return HarborBridgeService(
            configuration: configuration, store: store, runtime: runtime, settings: settings,
            gateway: gateway, journal: journal, apiKey: apiKey, sessions: sessions,
            administration: administration,
            reboots: RebootScheduler(command: configuration.rebootCommand, audit: audit),
            discovery: ControllerDiscovery(administration: administration, settings: settings),
            metrics: metrics, sentry: sentry, events: events, watch: LockerWatch(gateway: gateway, broadcast: events),
            journalWriter: journalWriter, poller: poller, logger: logger)
    }

    /// The HTTP router of both APIs over this gateway; `GET /events` streams
    /// send a heartbeat every `eventHeartbeat` when quiet.
    public func router(eventHeartbeat: Duration = .seconds(15)) -> Router<GatewayRequestContext> {
        buildRouter(
            operations: GatewayOperationsAdapter(gateway),
            authenticator: APIKeyAuthenticator(apiKey: apiKey),
            admin: AdminOperationsAdapter(
                administration: administration, reboots: reboots, discovery: discovery, sentry: sentry),
            sessions: sessions,
            configuration: GatewayHTTPConfiguration(gatewayName: settings.settings.gatewayName),
            metrics: metrics, events: LockerEventFeed(broadcast: events, heartbeat: eventHeartbeat))
    }

    /// The application serving `router()` with the poller and the log writer
    /// alongside; `onReady` runs once the port is bound.
    public func application(
        deviceEvents: (any DeviceEventSource)? = nil,
        onReady: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let systemd = SystemdSupervision(store: store, runtime: runtime, logger: logger)
        var app = Application(
            router: router(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "harbor-bridge"),
            onServerRunning: { [logger, configuration] channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.notice("ready: listening on http://\(configuration.host):\(port)")
                await systemd.serving(host: configuration.host, port: port)
                await onReady(port)
            },
            logger: logger)
        app.addServices(poller, journalWriter, RuntimeShutdown(runtime: runtime), systemd, SentrySender(reporter: sentry))
        app.addServices(watch)
        if let hotplug = hotplug(deviceEvents) { app.addServices(hotplug) }
        return app
    }

    /// Hotplug following `source`, else libudev's monitor; without udev (a
    /// container, a bare chroot) polling alone notices adapters going away.
    func hotplug(_ source: (any DeviceEventSource)?) -> AdapterHotplugService? {
        let events: any DeviceEventSource
        if let source {
            events = source
        } else {
            do {
                events = try UdevMonitor()
            } catch {
                logger.warning("no USB hotplug events (\(error)); adapters are noticed by polling")
                return nil
            }
        }
        return AdapterHotplugService(source: events, store: store, runtime: runtime, logger: logger)
    }

    /// The API key from the configuration, else the one generated into the data directory.
    private static func apiKey(_ configuration: BridgeConfiguration, logger: Logger) throws -> String {
        if let key = configuration.apiKey { return key }
        let secret = try SecretFile.loadOrCreate("api-key", in: configuration.dataDirectory)
        if secret.created {
            logger.notice("generated an API key; it is stored in \(secret.path) (mode 0600)")
        }
        return secret.value
    }
}

/// Closes every controller and bus when the service group shuts down.
struct RuntimeShutdown: Service {
    let runtime: HardwareRuntime

    func run() async throws {
        try? await gracefulShutdown()
        await runtime.shutdown()
    }
}


/// Logs what the hardware runtime learns, each change once.
enum HardwareEventLog {
    static func record(_ event: HardwareEvent, in logger: Logger) {
        switch event {
        case let .doorChanged(lockerId, from, to):
            logger.info("door of locker \(lockerId) \(to.rawValue)", metadata: [
                "locker": "\(lockerId)", "from": "\(from.rawValue)", "to": "\(to.rawValue)",
            ])
        case let .controllerOffline(controllerId, code, message):
            logger.error("controller \(controllerId) offline: \(message)", metadata: [
                "controller": "\(controllerId)", "code": "\(code)",
            ])
        case let .controllerOnline(controllerId):
            logger.notice("controller \(controllerId) online", metadata: ["controller": "\(controllerId)"])
        }
    }
}
