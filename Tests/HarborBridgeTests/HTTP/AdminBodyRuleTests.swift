import Foundation
import HarborBridge
import Hummingbird
import Testing

/// Strict admin bodies: unknown properties, wrong types, enums, ranges and the
/// per-kind rules answer 400 `VALIDATION_FAILED` naming the field; nothing
/// reaches the domain.
@Suite struct AdminBodyRuleTests {
    private func expectRefused(
        _ method: HTTPRequest.Method, _ path: String, _ body: String, field: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(method, path, body: body, session: token)
            let error = try expectError(response, .badRequest, .validationFailed, sourceLocation: sourceLocation)
            #expect(error.details?["field"] == .string(field), "\(error.message)", sourceLocation: sourceLocation)
        }
        #expect(harness.admin.calls.isEmpty, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (#"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 8, "device": "/dev/ttyUSB0", "baudRate": 9600}"#, "/address"),
        (#"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 8, "baudRate": 9600, "address": 1}"#, "/device"),
        (#"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 8, "device": "/dev/x", "address": 1}"#, "/baudRate"),
        (#"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 8, "device": "/dev/x", "baudRate": 9600, "address": 1, "host": "h"}"#, "/host"),
        (#"{"kind": "serial", "protocol": "gpio-relay", "lockerCount": 8, "device": "/dev/x", "baudRate": 9600, "address": 1}"#, "/protocol"),
        (#"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 8, "device": "/dev/x", "baudRate": 9601, "address": 1}"#, "/baudRate"),
        (#"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 8, "device": "/dev/x", "baudRate": 9600, "address": 0}"#, "/address"),
        (#"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 51, "device": "/dev/x", "baudRate": 9600, "address": 1}"#, "/lockerCount"),
        (#"{"kind": "serial", "protocol": "kerong-cu16", "lockerCount": 17, "device": "/dev/x", "baudRate": 9600, "address": 0}"#, "/lockerCount"),
        (#"{"kind": "serial", "protocol": "kerong-cu16", "lockerCount": 8, "device": "/dev/x", "baudRate": 9600, "address": 16}"#, "/address"),
        (#"{"kind": "serial", "protocol": "kerong-cu48", "lockerCount": 49, "device": "/dev/x", "baudRate": 9600, "address": 0}"#, "/lockerCount"),
        // The codec addresses CU48 boards 0...15; a simulated controller is a CU XOR board.
        (#"{"kind": "tcp", "protocol": "kerong-cu48", "lockerCount": 8, "host": "h", "port": 4001, "address": 16}"#, "/address"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 51}"#, "/lockerCount"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4, "address": 32}"#, "/address"),
        (#"{"kind": "tcp", "protocol": "modbus-relay", "lockerCount": 8, "host": "h", "port": 502, "address": 0}"#, "/address"),
        (#"{"kind": "tcp", "protocol": "cu-xor", "lockerCount": 8, "host": "h", "address": 1}"#, "/port"),
        (#"{"kind": "tcp", "protocol": "cu-xor", "lockerCount": 8, "host": "h", "port": 70000, "address": 1}"#, "/port"),
        (#"{"kind": "tcp", "protocol": "cu-xor", "lockerCount": 8, "host": "h", "port": 4001, "address": 1, "device": "/dev/x"}"#, "/device"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 2, "lines": ["a", "b"]}"#, "/chip"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 3, "chip": "c", "lines": ["a", "b"]}"#, "/lines"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 1, "chip": "c", "lines": ["a"], "doorLines": ["d", "e"]}"#, "/doorLines"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 1, "chip": "c", "lines": [""]}"#, "/lines/0"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 1, "chip": "c", "lines": [7]}"#, "/lines/0"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 1, "chip": "c", "lines": []}"#, "/lines"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 1, "chip": "c", "lines": ["a"], "address": 1}"#, "/address"),
        (#"{"kind": "gpio", "protocol": "cu-xor", "lockerCount": 1, "chip": "c", "lines": ["a"]}"#, "/protocol"),
        (#"{"kind": "simulated", "protocol": "cu-xor", "lockerCount": 4}"#, "/protocol"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4, "chip": "c"}"#, "/chip"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 0}"#, "/lockerCount"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4, "pulseMs": 20}"#, "/pulseMs"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4, "feedbackPolarity": "inverted"}"#, "/feedbackPolarity"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4, "name": ""}"#, "/name"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4, "colour": "red"}"#, "/colour"),
        (#"{"kind": "usb", "protocol": "simulated", "lockerCount": 4}"#, "/kind"),
        (#"{"protocol": "simulated", "lockerCount": 4}"#, "/kind"),
        (#"{"kind": "simulated", "protocol": "simulated"}"#, "/lockerCount"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": "4"}"#, "/lockerCount"),
    ])
    func createRefusesBodiesThatBreakTheRules(body: String, field: String) async throws {
        try await expectRefused(.post, "/controllers", body, field: field)
    }

    @Test(arguments: [
        #"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 50, "device": "/dev/ttyUSB0", "baudRate": 9600, "address": 31}"#,
        #"{"kind": "serial", "protocol": "kerong-cu16", "lockerCount": 16, "device": "/dev/x", "baudRate": 115200, "address": 0}"#,
        #"{"kind": "tcp", "protocol": "kerong-cu48", "lockerCount": 48, "host": "bridge.local", "port": 4001, "address": 15}"#,
        #"{"kind": "tcp", "protocol": "modbus-relay", "lockerCount": 64, "host": "10.0.0.2", "port": 502, "address": 247}"#,
        #"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 1, "chip": "c", "lines": ["a", "b"], "doorLines": ["d", "e"]}"#,
        #"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4, "address": 3, "name": "Sim", "serial": "sim-1"}"#,
    ])
    func createAcceptsBodiesWithinTheRules(body: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/controllers", body: body, session: token)
            #expect(response.status == .created, "\(response.text)")
        }
        #expect(harness.admin.calls.count == 1)
    }

    @Test(arguments: [
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4}"#, "/lockerCount"),
        (#"{"kind": "serial", "protocol": "cu-xor", "device": "/dev/x", "baudRate": 9600}"#, "/address"),
        (#"{"kind": "tcp", "protocol": "gpio-relay", "host": "h", "port": 1, "address": 1}"#, "/protocol"),
        (#"{"protocol": "simulated"}"#, "/kind"),
    ])
    func replaceRefusesLockerCountAndTheKindRules(body: String, field: String) async throws {
        try await expectRefused(.post, "/controllers/1/replace", body, field: field)
    }

    @Test(arguments: [
        (#"{}"#, ""),
        (#"{"kind": "tcp"}"#, "/kind"),
        (#"{"pulseMs": 49}"#, "/pulseMs"),
        (#"{"pulseMs": "600"}"#, "/pulseMs"),
        (#"{"doorLines": []}"#, "/doorLines"),
        (#"{"lines": null}"#, "/lines"),
        (#"{"baudRate": 100}"#, "/baudRate"),
        (#"{"name": null}"#, "/name"),
    ])
    func updateRefusesBadSettings(body: String, field: String) async throws {
        try await expectRefused(.patch, "/controllers/1", body, field: field)
    }

    @Test(arguments: [
        (#"{}"#, "/lockerCount"), (#"{"lockerCount": 65}"#, "/lockerCount"), (#"{"lockerCount": -1}"#, "/lockerCount"),
        (#"{"lockerCount": 2.5}"#, "/lockerCount"), (#"{"lockerCount": 2, "lockers": 3}"#, "/lockers"),
    ])
    func lockerCountRefusesBadCounts(body: String, field: String) async throws {
        try await expectRefused(.post, "/controllers/1/locker-count", body, field: field)
    }

    @Test(arguments: [
        (#"{"mdns": false, "serial": false}"#, "/mdns"), (#"{"timeoutMs": 499}"#, "/timeoutMs"),
        (#"{"timeoutMs": 10001}"#, "/timeoutMs"), (#"{"mdns": "yes"}"#, "/mdns"), (#"{"bluetooth": true}"#, "/bluetooth"),
    ])
    func scanRefusesBadOptions(body: String, field: String) async throws {
        try await expectRefused(.post, "/controllers/scan", body, field: field)
    }

    @Test func lockerCountZeroIsAllowed() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(
                .post, "/controllers/1/locker-count", body: #"{"lockerCount": 0}"#, session: token)
            #expect(response.status == .ok)
        }
    }

    @Test func malformedJSONAndMissingBodiesAreInvalidJSON() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            for path in ["/controllers", "/controllers/1/replace", "/controllers/1/locker-count"] {
                try expectError(try await client.admin(.post, path, body: "{", session: token), .badRequest, .invalidJSON)
                try expectError(try await client.admin(.post, path, session: token), .badRequest, .invalidJSON)
            }
            try expectError(try await client.admin(.patch, "/lockers/1", body: "[]", session: token), .badRequest, .invalidJSON)
            try expectError(try await client.admin(.patch, "/controllers/1", session: token), .badRequest, .invalidJSON)
        }
        #expect(harness.admin.calls.isEmpty)
    }

    @Test func aMissingDeviceIsTheDomainsDeviceNotFound() async throws {
        let harness = GatewayHarness()
        harness.admin.fail(with: .deviceNotFound("/dev/ttyUSB3"))
        let body = #"{"kind": "serial", "protocol": "cu-xor", "lockerCount": 8, "device": "/dev/ttyUSB3", "baudRate": 9600, "address": 1}"#
        try await harness.run { client in
            let token = try await client.login()
            let error = try expectError(
                try await client.admin(.post, "/controllers", body: body, session: token), .badRequest, .deviceNotFound)
            #expect(error.details?["device"] == "/dev/ttyUSB3")
        }
    }
}
