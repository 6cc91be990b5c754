import Foundation
@testable import HarborBridge
import Testing

@Suite struct BridgeConfigurationTests {
    private func temporaryFile(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func fileThenEnvironmentThenFlags() throws {
        let path = try temporaryFile("harbor.yaml", """
            host: 0.0.0.0
            port: 9000
            dataDirectory: /tmp/from-file
            settings:
              gatewayName: Lobby cabinet
              openAllConcurrency: 2
            controllers:
              - kind: serial
                protocol: cu-xor
                device: /dev/ttyUSB0
                baudRate: 9600
                address: 1
                lockerCount: 16
                feedbackPolarity: set-open
            """)
        let configuration = try BridgeConfiguration.load(
            file: path,
            environment: ["HARBOR_PORT": "9100", "HARBOR_LOG_LEVEL": "debug"],
            overrides: .init(dataDirectory: "/tmp/from-flag", simulate: true))
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9100)
        #expect(configuration.dataDirectory == "/tmp/from-flag")
        #expect(configuration.simulate)
        #expect(configuration.settings.gatewayName == "Lobby cabinet")
        #expect(configuration.settings.openAllConcurrency == 2)
        #expect(configuration.settings.logLevel == .debug)
        #expect(configuration.controllers == [ControllerDeclaration(
            kind: "serial", boardProtocol: "cu-xor", lockerCount: 16, device: "/dev/ttyUSB0",
            baudRate: 9600, address: 1, feedbackPolarity: .setMeansOpen)])
    }

    @Test func jsonFilesAreReadToo() throws {
        let path = try temporaryFile("harbor.json", #"{"port": 8181, "simulate": true}"#)
        let configuration = try BridgeConfiguration.load(file: path, environment: [:], overrides: .init())
        #expect(configuration.port == 8181)
        #expect(configuration.simulate)
    }

    @Test func badValuesRefuseToStartWithTheReason() throws {
        #expect(throws: ConfigurationError.self) {
            _ = try BridgeConfiguration.load(file: nil, environment: ["HARBOR_PORT": "eighty"], overrides: .init())
        }
        #expect(throws: ConfigurationError.self) {
            _ = try BridgeConfiguration.load(file: nil, environment: [:], overrides: .init(port: 70_000))
        }
        let badController = try temporaryFile("c.yaml", """
            controllers:
              - kind: serial
                protocol: cu-xor
                device: /dev/ttyUSB0
                address: 40
                lockerCount: 16
            """)
        do {
            _ = try BridgeConfiguration.load(file: badController, environment: [:], overrides: .init())
            Issue.record("address 40 was accepted for cu-xor")
        } catch {
            #expect(error.description.contains("controllers[0].address"))
        }
        // Every controller answer caps names at 64 characters; the file may not exceed it either.
        let longName = try temporaryFile("n.yaml", """
            controllers:
              - kind: simulated
                protocol: simulated
                name: \(String(repeating: "n", count: 65))
                address: 1
                lockerCount: 4
            """)
        do {
            _ = try BridgeConfiguration.load(file: longName, environment: [:], overrides: .init())
            Issue.record("a 65-character controller name was accepted")
        } catch {
            #expect(error.description.contains("controllers[0].name"))
        }
        #expect(throws: Never.self) {
            try ControllerDeclaration(name: String(repeating: "n", count: 64), kind: "simulated",
                                      boardProtocol: "simulated", lockerCount: 4, address: 1).validate()
        }
        #expect(throws: ConfigurationError.self) {
            _ = try BridgeConfiguration.load(file: "/nonexistent/harbor.yaml", environment: [:], overrides: .init())
        }
    }

    @Test func settingsRoundTripThroughStoredValuesAndIgnoreBadOnes() {
        var settings = GatewaySettings()
        settings.gatewayName = "Dock 4"
        settings.openAllSpacingMs = 120
        settings.logLevel = .warning
        #expect(GatewaySettings().applying(stored: settings.storedValues) == settings)
        let broken = ["settings.pulseMs": "1", "settings.logLevel": "loud", "settings.openAllConcurrency": "x"]
        #expect(GatewaySettings().applying(stored: broken) == GatewaySettings())
    }

    @Test func settingsValidationNamesTheField() {
        var settings = GatewaySettings()
        settings.statusPollIntervalMs = 10
        #expect(throws: SettingsError.invalid(field: "statusPollIntervalMs", reason: "must be within 100...60000")) {
            try settings.validate()
        }
    }

    @Test func secretFileIsCreatedOnceWithOwnerOnlyMode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-secret-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let first = try SecretFile.loadOrCreate("api-key", in: directory)
        #expect(first.created)
        #expect(first.value.count == 64)
        let attributes = try FileManager.default.attributesOfItem(atPath: first.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let second = try SecretFile.loadOrCreate("api-key", in: directory)
        #expect(!second.created)
        #expect(second.value == first.value)
        #expect(SecretFile.randomSecret() != SecretFile.randomSecret())
    }
}
