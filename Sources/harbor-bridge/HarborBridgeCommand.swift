import ArgumentParser
import Foundation
import HarborBridge
import Hummingbird

/// `harbor-bridge`: the gateway service. Parses flags, loads the configuration and
/// runs the service until SIGTERM or SIGINT.
@main
struct HarborBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harbor-bridge",
        abstract: "Harbor Gateway: lock hardware behind an HTTP API.",
        discussion: """
            Configuration comes from the file (--config or HARBOR_CONFIG, YAML or JSON),
            then HARBOR_* environment variables, then these flags.
            """)

    @Option(help: "Configuration file (YAML, or JSON by its .json name).") var config: String?
    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default 8080).") var port: Int?
    @Option(help: "Directory of the database and generated secrets.") var dataDir: String?
    @Flag(help: "With no controllers configured, run a simulated cabinet.") var simulate = false

    func run() async throws {
        let configuration: BridgeConfiguration
        do {
            configuration = try BridgeConfiguration.load(
                file: config, environment: ProcessInfo.processInfo.environment,
                overrides: .init(host: host, port: port, dataDirectory: dataDir, simulate: simulate ? true : nil))
        } catch {
            throw ValidationError(error.description)
        }
        let service = try await HarborBridgeService.build(configuration: configuration)
        try await service.application().runService()
        // Every service has stopped (the log writer flushed last): the database
        // is closed cleanly, its WAL checkpointed.
        try service.store.close()
    }
}
