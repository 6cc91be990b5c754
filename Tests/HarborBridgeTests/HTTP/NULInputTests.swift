import Foundation
import HarborBridge
import Hummingbird
import Testing

/// schemathesis found that a string holding U+0000 was accepted and then cut short
/// by the store: a controller added with serial "\u0000xyz" read back with an empty
/// serial, and every later PATCH of that controller answered 400. Every string of a
/// request body (entries of string arrays too) now answers 400 naming the property,
/// before anything reaches the domain.
@Suite struct NULInputTests {
    @Test(arguments: [
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 2, "serial": "\u0000xyz"}"#, "/serial"),
        (#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 2, "name": "ab\u0000cd"}"#, "/name"),
        (#"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 1, "chip": "c", "lines": ["GPIO17\u0000"]}"#,
         "/lines/0"),
        (#"{"kind": "tcp", "protocol": "cu-xor", "lockerCount": 1, "host": "h\u0000", "port": 4001, "address": 1}"#,
         "/host"),
    ])
    func adminBodiesRefuseNUL(body: String, field: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/controllers", body: body, session: token)
            let error = try expectError(response, .badRequest, .validationFailed)
            #expect(error.details?["field"] == .string(field), "\(error.message)")
            #expect(error.message.contains("NUL"), "\(error.message)")
        }
        #expect(harness.admin.calls.isEmpty)
    }

    @Test(arguments: [
        (HTTPRequest.Method.post, "/transactions", #"{"reference": "order\u00007"}"#, "/reference"),
        (HTTPRequest.Method.patch, "/system/config", #"{"gatewayName": "Harbor\u0000"}"#, "/gatewayName"),
    ])
    func publicBodiesRefuseNUL(method: HTTPRequest.Method, path: String, body: String, field: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(method, path, body: body)
            let error = try expectError(response, .badRequest, .validationFailed)
            #expect(error.details?["field"] == .string(field), "\(error.message)")
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func otherControlCharactersStillPass() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/transactions", body: #"{"reference": "tab\there"}"#)
            #expect(response.status == .created, "\(response.text)")
        }
        #expect(harness.operations.calls.count == 1)
    }
}
