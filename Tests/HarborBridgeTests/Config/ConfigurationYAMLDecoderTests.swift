import Foundation
@testable import HarborBridge
import Testing
import Yams

/// The configuration file's own YAML decoder against Yams' `YAMLDecoder`, the reader it replaces.
@Suite struct ConfigurationYAMLDecoderTests {
    private struct Probe<Value: Decodable>: Decodable {
        var value: Value
    }

    private struct OptionalProbe<Value: Decodable>: Decodable {
        var value: Value?
    }

    private func ours<Value: Decodable>(_: Value.Type, _ scalar: String) -> Value? {
        try? ConfigurationYAMLDecoder().decode(Probe<Value>.self, from: "value: \(scalar)").value
    }

    private func yams<Value: Decodable>(_: Value.Type, _ scalar: String) -> Value? {
        try? YAMLDecoder().decode(Probe<Value>.self, from: "value: \(scalar)").value
    }

    /// Both readers' answer as text, so NaN compares equal to NaN and a refusal to a refusal.
    private func agree<Value: Decodable>(_ type: Value.Type, _ scalar: String) -> Bool {
        let described = { (value: Value?) in value.map { "\($0)" } ?? "refused" }
        return described(ours(type, scalar)) == described(yams(type, scalar))
    }

    private func applied(_ file: BridgeConfigurationFile) -> BridgeConfiguration {
        var configuration = BridgeConfiguration()
        configuration.apply(file, source: "test")
        return configuration
    }

    private func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-yaml-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func loadError(_ text: String) throws -> ConfigurationError? {
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try BridgeConfiguration.load(file: path, environment: [:], overrides: .init())
            return nil
        } catch {
            return error
        }
    }

    static let integerScalars = [
        "0", "42", "-42", "+42", "1_000", "0x1F", "0x_1f", "-0x10", "0o17", "017", "-017", "0b1010", "+0b11",
        "1:30", "-1:30", "190:20:30", "1::2", "-0", "08", "0x", "0b2", "12abc", "1.5", "1e3", "'8080'", "\"8080\"",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "65535", "65536", "255", "256",
        "-128", "-129", "~", "null", "true", "", "[1]", "{a: 1}",
    ]

    @Test(arguments: integerScalars)
    func integersAreReadAsYAMLDecoderReadsThem(scalar: String) {
        #expect(agree(Int.self, scalar))
        #expect(agree(Int8.self, scalar))
        #expect(agree(Int64.self, scalar))
        #expect(agree(UInt16.self, scalar))
        #expect(agree(UInt64.self, scalar))
    }

    @Test func integerSpellings() {
        let expected: [(String, Int?)] = [
            ("1_000", 1000), ("+42", 42), ("-42", -42), ("0x1F", 31), ("-0x10", -16), ("0o17", 15), ("017", 15),
            ("0b1010", 10), ("1:30", 90), ("-1:30", -90), ("0", 0), ("-0", nil), ("08", nil), ("1.5", nil),
            ("'8080'", nil), ("\"8080\"", nil), ("|\n  8080", nil),
        ]
        for (scalar, value) in expected {
            #expect(ours(Int.self, scalar) == value, "\(scalar)")
        }
        #expect(ours(UInt16.self, "0xFFFF") == 65535)
        #expect(ours(UInt16.self, "65536") == nil)
        #expect(ours(UInt16.self, "-1") == nil)
        #expect(ours(Int8.self, "-128") == -128)
        // 128-bit integers decode through their own single-value request; read through the 64-bit rule.
        #expect(ours(Int128.self, "-0x10") == -16)
        #expect(ours(UInt128.self, "1_000") == 1000)
        // YAMLDecoder traps on this overflow; the gateway refuses the value instead.
        #expect(ours(Int.self, "1:0:0:0:0:0:0:0:0:0:0:0") == nil)
    }

    static let floatingScalars = [
        "1.5", "-2.25", "1_000.5", "1e3", ".5", "3", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN", "1:30.5",
        "-1:30", "'1.5'", "abc", "0x1p4", "inf", "nan", "", "~",
    ]

    @Test(arguments: floatingScalars)
    func floatingPointIsReadAsYAMLDecoderReadsIt(scalar: String) {
        #expect(agree(Double.self, scalar))
        #expect(agree(Float.self, scalar))
    }

    @Test func floatingPointSpellings() {
        #expect(ours(Double.self, "1_000.5") == 1000.5)
        #expect(ours(Double.self, "-.Inf") == -.infinity)
        #expect(ours(Double.self, ".NaN")?.isNaN == true)
        #expect(ours(Double.self, "1:30.5") == 90.5)
        #expect(ours(Double.self, "'1.5'") == nil)
    }

    static let booleanScalars = [
        "true", "True", "TRUE", "tRuE", "yes", "Yes", "on", "ON", "false", "No", "off", "OFF", "'yes'", "\"off\"",
        "1", "0", "y", "n", "tru", "", "~",
    ]

    @Test(arguments: booleanScalars)
    func booleansAreReadAsYAMLDecoderReadsThem(scalar: String) {
        #expect(agree(Bool.self, scalar))
    }

    @Test func booleanSpellingsInAnyCase() {
        for scalar in ["true", "tRuE", "yes", "YES", "on", "On", "'yes'"] { #expect(ours(Bool.self, scalar) == true) }
        for scalar in ["false", "No", "OFF", "\"off\""] { #expect(ours(Bool.self, scalar) == false) }
        for scalar in ["1", "0", "y", "tru"] { #expect(ours(Bool.self, scalar) == nil) }
    }

    @Test func nullFormsLeaveOptionalFieldsNil() throws {
        let decoder = ConfigurationYAMLDecoder()
        // Like YAMLDecoder, the null spellings are null whether quoted or not.
        for scalar in ["", "~", "null", "Null", "NULL", "'null'", "\"\""] {
            #expect(try decoder.decode(OptionalProbe<String>.self, from: "value: \(scalar)").value == nil)
            #expect(try decoder.decode(OptionalProbe<Int>.self, from: "value: \(scalar)").value == nil)
            #expect(try YAMLDecoder().decode(OptionalProbe<String>.self, from: "value: \(scalar)").value == nil)
        }
        for scalar in ["nil", "none", "NuLL", "'~ '"] {
            let text = try decoder.decode(OptionalProbe<String>.self, from: "value: \(scalar)").value
            #expect(text == (try YAMLDecoder().decode(OptionalProbe<String>.self, from: "value: \(scalar)").value))
            #expect(text != nil)
        }
        #expect(try decoder.decode(OptionalProbe<Int>.self, from: "other: 1").value == nil)
    }

    @Test func quotedDigitsStayStringsAndAreNoNumbers() throws {
        let file = try ConfigurationYAMLDecoder().decode(BridgeConfigurationFile.self, from: """
            apiKey: "0012345678901234567"
            adminPassword: 0777
            """)
        #expect(file.apiKey == "0012345678901234567")
        #expect(file.adminPassword == "0777")
        let error = try #require(try loadError(#"port: "8080""#))
        #expect(error.description.contains("port: expected Int, found the quoted or block scalar \"8080\""))
    }

    static let fullConfiguration = """
        # Every field the gateway reads, in block and flow style, with an anchor.
        host: 0.0.0.0
        port: 0x1F90
        dataDirectory: '/var/lib/harbor test'
        simulate: Yes
        simulatedBoards: 3
        simulatedLockersPerBoard: 2_0
        apiKey: "0123456789abcdef0123"
        adminPassword: ~
        rebootCommand: [/usr/bin/systemctl, reboot, --no-wall]
        sentryDsn: https://public@sentry.example.com/42
        sentryEnvironment: lobby
        futureKey: {ignored: true}
        settings:
          gatewayName: "Lobby: east"
          pulseMs: 700
          statusPollIntervalMs: 1_500
          openAllConcurrency: 3
          openAllSpacingMs: 0
          logLevel: notice
          sessionIdleTimeoutSeconds: 30:00
          sessionAbsoluteTimeoutSeconds: 86400
          autoAddDiscoveredControllers: on
        controllers:
          - name: left column
            kind: serial
            protocol: cu-xor
            device: /dev/ttyUSB0
            baudRate: 9600
            address: 1
            lockerCount: 16
            pulseMs: 300
            feedbackPolarity: set-open
            serial: null
          - {name: annex, kind: tcp, protocol: kerong-cu16, host: 192.168.1.50, port: 4001, address: 0, lockerCount: 16}
          - name: parcel wall
            kind: gpio
            protocol: gpio-relay
            chip: gpiochip0
            lines: &relays ["17", "27", "22", "23"]
            doorLines: *relays
            activeLow: true
            lockerCount: 4
            feedbackPolarity: set-closed
            serial: SN-0042
        """

    @Test func fullConfigurationDecodesAsWithYAMLDecoder() throws {
        let ours = applied(try ConfigurationYAMLDecoder().decode(BridgeConfigurationFile.self, from: Self.fullConfiguration))
        let yams = applied(try YAMLDecoder().decode(BridgeConfigurationFile.self, from: Self.fullConfiguration))
        #expect(ours == yams)
        #expect(ours.port == 8080)
        #expect(ours.simulatedLockersPerBoard == 20)
        #expect(ours.settings.sessionIdleTimeoutSeconds == 1800)
        #expect(ours.settings.autoAddDiscoveredControllers)
        #expect(ours.controllers.count == 3)
        #expect(ours.controllers[2].doorLines == ["17", "27", "22", "23"])
        #expect(ours.controllers[0].serial == nil)
        #expect(ours.rebootCommand == ["/usr/bin/systemctl", "reboot", "--no-wall"])
    }

    @Test func shippedConfigurationDecodesAsWithYAMLDecoder() throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../packaging/etc/harbor/harbor.yaml").standardized.path
        let text = try String(contentsOfFile: shipped, encoding: .utf8)
        let ours = applied(try ConfigurationYAMLDecoder().decode(BridgeConfigurationFile.self, from: text))
        #expect(ours == applied(try YAMLDecoder().decode(BridgeConfigurationFile.self, from: text)))
        #expect(ours.host == "0.0.0.0")
    }

    @Test func unknownKeysAreIgnoredAndTheLastDuplicateWins() throws {
        let text = "port: 1\nfuture: [a, b]\nport: 2\n"
        #expect(try ConfigurationYAMLDecoder().decode(BridgeConfigurationFile.self, from: text).port == 2)
        #expect(try YAMLDecoder().decode(BridgeConfigurationFile.self, from: text).port == 2)
    }

    @Test func aWrongTypeNamesItsPath() throws {
        let text = "controllers:\n  - kind: serial\n    protocol: cu-xor\n    lockerCount: many\n"
        let mismatch = #expect(throws: DecodingError.self) {
            try ConfigurationYAMLDecoder().decode(BridgeConfigurationFile.self, from: text)
        }
        guard case .typeMismatch(_, let context)? = mismatch else {
            Issue.record("expected a type mismatch, got \(String(describing: mismatch))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["controllers", "Index 0", "lockerCount"])
        let error = try #require(try loadError(text))
        #expect(error.description.contains("controllers[0].lockerCount: expected Int, found the scalar \"many\" at line 4"))
        let settings = try #require(try loadError("settings: [1, 2]"))
        #expect(settings.description.contains("settings: expected a mapping, found a sequence"))
        let reboot = try #require(try loadError("rebootCommand: reboot"))
        #expect(reboot.description.contains("rebootCommand: expected a sequence, found the scalar \"reboot\""))
    }

    @Test func aMissingRequiredKeyNamesItsPath() throws {
        let error = try #require(try loadError("controllers:\n  - kind: simulated\n    protocol: simulated\n"))
        #expect(error.description.contains("controllers[0].lockerCount: is required"))
    }

    @Test func emptyAndCommentOnlyFilesAreRefusedAsByYAMLDecoder() throws {
        for text in ["", "# nothing configured yet\n\n# port: 8080\n"] {
            #expect(throws: DecodingError.self) {
                try ConfigurationYAMLDecoder().decode(BridgeConfigurationFile.self, from: text)
            }
            #expect(throws: DecodingError.self) { try YAMLDecoder().decode(BridgeConfigurationFile.self, from: text) }
            let error = try #require(try loadError(text))
            #expect(error.description.contains("expected a mapping, found an empty document"))
        }
    }

    @Test func aSyntaxErrorIsAnInvalidConfiguration() throws {
        let path = try temporaryFile("port: [8080\nhost: x\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigurationError.self) {
            try BridgeConfiguration.load(file: path, environment: [:], overrides: .init())
        }
        guard case .invalid(let source, let reason)? = error else {
            Issue.record("expected an invalid configuration, got \(String(describing: error))")
            return
        }
        #expect(source == path)
        #expect(reason.contains("not valid YAML"))
        #expect(try loadError("port: 1\n---\nport: 2\n") != nil)
    }

    @Test func mergeKeysAreRefusedInsteadOfDropped() throws {
        let text = "settings:\n  base: &base {pulseMs: 700}\n  <<: *base\n"
        #expect(try YAMLDecoder().decode(BridgeConfigurationFile.self, from: text).settings?.pulseMs == 700)
        let error = try #require(try loadError(text))
        #expect(error.description.contains("settings: merge keys (<<) are not supported"))
        // A quoted "<<" is an ordinary key, as for YAMLDecoder.
        #expect(try loadError("\"<<\": 1\n") == nil)
    }
}
