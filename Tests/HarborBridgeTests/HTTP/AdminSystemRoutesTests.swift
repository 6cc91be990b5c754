import Foundation
import HarborBridge
import Hummingbird
import Testing

/// The locker service state, network, reboot and Sentry rows of the Admin API table.
@Suite struct AdminSystemRoutesTests {
    static let admin = Caller.admin(user: "admin")

    @Test func outOfServiceIsSetOnTheSamePathAsThePublicGet() async throws {
        let harness = GatewayHarness()
        let body = #"{"outOfService": true, "reasonCode": "MANUAL_DISABLE", "reason": "string"}"#
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.patch, "/lockers/12", body: body, session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "PATCH", "/lockers/{lockerId}")
            #expect(try response.json() == .object(["success": true]))
            // The public GET of the same path still answers, to the API key.
            #expect(try await client.send(.get, "/lockers/12").status == .ok)
            let back = try await client.admin(
                .patch, "/lockers/12", body: #"{"outOfService": false, "reasonCode": null, "reason": null}"#,
                session: token)
            #expect(back.status == .ok)
        }
        #expect(harness.admin.calls == [
            .updateLockerServiceState(
                12, UpdateLockerServiceStateRequest(outOfService: true, reasonCode: .manualDisable, reason: "string"),
                Self.admin),
            .updateLockerServiceState(12, UpdateLockerServiceStateRequest(outOfService: false), Self.admin),
        ])
        #expect(harness.operations.calls == [.locker(12)])
    }

    @Test(arguments: [
        (#"{}"#, "/outOfService"),
        (#"{"outOfService": "yes"}"#, "/outOfService"),
        (#"{"outOfService": true, "reasonCode": "BROKEN"}"#, "/reasonCode"),
        (#"{"outOfService": true, "reason": 5}"#, "/reason"),
        (#"{"outOfService": true, "reason": "\#(String(repeating: "x", count: 501))"}"#, "/reason"),
        (#"{"outOfService": true, "note": "x"}"#, "/note"),
    ])
    func aBadServiceStateBodyIs400(body: String, field: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let error = try expectError(
                try await client.admin(.patch, "/lockers/12", body: body, session: token), .badRequest, .validationFailed)
            #expect(error.details?["field"] == .string(field))
        }
        #expect(harness.admin.calls.isEmpty)
    }

    @Test func aReasonOf500CharactersIsAccepted() async throws {
        let harness = GatewayHarness()
        let reason = String(repeating: "é", count: 500)
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(
                .patch, "/lockers/12", body: #"{"outOfService": true, "reason": "\#(reason)"}"#, session: token)
            #expect(response.status == .ok)
        }
    }

    @Test func serviceStateOfAnUnknownOrMalformedLockerIs404() async throws {
        let harness = GatewayHarness()
        harness.admin.fail(with: .lockerNotFound(99))
        try await harness.run { client in
            let token = try await client.login()
            let body = #"{"outOfService": true}"#
            try expectError(try await client.admin(.patch, "/lockers/abc", body: body, session: token), .notFound, .lockerNotFound)
            try expectError(try await client.admin(.patch, "/lockers/99", body: body, session: token), .notFound, .lockerNotFound)
        }
        #expect(harness.admin.calls.count == 1)
    }

    @Test func serviceStateDuringAControllerChangeIs409() async throws {
        let harness = GatewayHarness()
        harness.admin.fail(with: .lockerNotAvailable(12))
        try await harness.run { client in
            let token = try await client.login()
            try expectError(
                try await client.admin(.patch, "/lockers/12", body: #"{"outOfService": true}"#, session: token),
                .conflict, .lockerNotAvailable)
        }
    }

    @Test func networkRefreshAnswersTheInterfaces() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/system/network/refresh", session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/system/network/refresh")
            #expect(try response.decode(NetworkInfo.self) == AdminFixtures.network)
        }
        #expect(harness.admin.calls == [.refreshNetwork(Self.admin)])
    }

    @Test func rebootIsAccepted() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/system/reboot", session: token)
            #expect(response.status == .accepted)
            try expectConforms(response, "POST", "/system/reboot")
            #expect(try response.decode(OperationResponse.self) == OperationResponse(message: "Rebooting"))
        }
        #expect(harness.admin.calls == [.reboot(Self.admin)])
    }

    @Test func sentryTestAnswersTheEventId() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/diagnostics/sentry-test", session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/diagnostics/sentry-test")
            #expect(try response.decode(SentryTestResponse.self) == AdminFixtures.sentry)
        }
        #expect(harness.admin.calls == [.sentryTest(Self.admin)])
    }

    @Test func sentryWithoutADSNIs503() async throws {
        let harness = GatewayHarness()
        harness.admin.fail(with: .sentryNotConfigured())
        try await harness.run { client in
            let token = try await client.login()
            try expectError(
                try await client.admin(.post, "/diagnostics/sentry-test", session: token), .serviceUnavailable,
                .sentryNotConfigured)
        }
    }

    @Test func basicCredentialsWorkOnEveryCallToo() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(
                .post, "/system/reboot", apiKey: nil, basic: ("admin", AuthFixture.password))
            #expect(response.status == .accepted)
        }
        #expect(harness.admin.calls == [.reboot(Self.admin)])
    }
}
