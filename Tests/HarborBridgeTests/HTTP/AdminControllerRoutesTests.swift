import Foundation
import HarborBridge
import Hummingbird
import Testing

/// Every controller row of the Admin API table: success shape against the
/// document, 404 for malformed and unknown ids, 409 from the domain.
@Suite struct AdminControllerRoutesTests {
    static let admin = Caller.admin(user: "admin")

    @Test func listAnswersEveryControllerWithNullsWrittenOut() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.get, "/controllers", session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/controllers")
            #expect(try response.decode(ControllerList.self).controllers == [
                AdminFixtures.serialController, AdminFixtures.gpioController,
            ])
            let first = try response.json()["controllers"]?.arrayValue?.first
            #expect(first?["host"] == .null)
            #expect(first?["lines"] == .null)
            #expect(first?["feedbackPolarity"] == "set-closed")
        }
        #expect(harness.admin.calls == [.controllers])
    }

    @Test func createAnswers201WithLocation() async throws {
        let harness = GatewayHarness()
        let body = #"{"kind": "gpio", "protocol": "gpio-relay", "lockerCount": 2, "chip": "pinctrl-rp1", "lines": ["GPIO17", "GPIO27"], "doorLines": ["GPIO22"], "activeLow": true, "pulseMs": 500}"#
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/controllers", body: body, session: token)
            #expect(response.status == .created)
            try expectConforms(response, "POST", "/controllers")
            #expect(response.headers[.location] == "/controllers/3")
            #expect(try response.decode(APIController.self) == AdminFixtures.gpioController)
        }
        let expected = CreateControllerRequest(
            kind: .gpio, protocol: .gpioRelay, lockerCount: 2, chip: "pinctrl-rp1", lines: ["GPIO17", "GPIO27"],
            doorLines: ["GPIO22"], activeLow: true, pulseMs: 500)
        #expect(harness.admin.calls == [.createController(expected, Self.admin)])
    }

    @Test func scanTakesTheDefaultsWithoutABody() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/controllers/scan", session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/controllers/scan")
            #expect(try response.decode(ScanResponse.self) == AdminFixtures.scan)
            let partial = try await client.admin(
                .post, "/controllers/scan", body: #"{"serial": false, "timeoutMs": 2000}"#, session: token)
            #expect(partial.status == .ok)
        }
        #expect(harness.admin.calls == [
            .scan(ScanRequest(), Self.admin), .scan(ScanRequest(mdns: true, serial: false, timeoutMs: 2000), Self.admin),
        ])
    }

    @Test func getAnswersDetailsAsOneFlatObject() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.get, "/controllers/1", session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/controllers/{controllerId}")
            #expect(try response.decode(ControllerDetails.self) == AdminFixtures.details)
            let json = try response.json()
            #expect(json["name"] == "Left column")
            #expect(json["firmware"] == .null)
            #expect(json["lastError"]?["code"] == "HARDWARE_TIMEOUT")
        }
        #expect(harness.admin.calls == [.controller(1)])
    }

    @Test func patchTellsNullFromAbsent() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let rename = try await client.admin(
                .patch, "/controllers/1", body: #"{"name": "Right column", "pulseMs": 600}"#, session: token)
            #expect(rename.status == .ok)
            try expectConforms(rename, "PATCH", "/controllers/{controllerId}")
            let clear = try await client.admin(
                .patch, "/controllers/1", body: #"{"pulseMs": null, "doorLines": null}"#, session: token)
            #expect(clear.status == .ok)
        }
        #expect(harness.admin.calls == [
            .updateController(1, UpdateControllerRequest(name: "Right column", pulseMs: .set(600)), Self.admin),
            .updateController(1, UpdateControllerRequest(pulseMs: .clear, doorLines: .clear), Self.admin),
        ])
    }

    @Test func deleteAnswersAnOperationResponse() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.delete, "/controllers/7", session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "DELETE", "/controllers/{controllerId}")
        }
        #expect(harness.admin.calls == [.deleteController(7, Self.admin)])
    }

    @Test func replaceAnswersTheNewController() async throws {
        let harness = GatewayHarness()
        let body = #"{"kind": "tcp", "protocol": "kerong-cu16", "host": "192.168.1.50", "port": 4001, "address": 0}"#
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(.post, "/controllers/1/replace", body: body, session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/controllers/{controllerId}/replace")
            #expect(try response.json()["replacedControllerId"] == 1)
        }
        let expected = ReplaceControllerRequest(
            kind: .tcp, protocol: .kerongCU16, address: 0, host: "192.168.1.50", port: 4001)
        #expect(harness.admin.calls == [.replaceController(1, expected, Self.admin)])
    }

    @Test func lockerCountAnswersAddedAndRemoved() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            let response = try await client.admin(
                .post, "/controllers/1/locker-count", body: #"{"lockerCount": 18}"#, session: token)
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/controllers/{controllerId}/locker-count")
            #expect(try response.decode(AdjustLockerCountResponse.self) == AdminFixtures.lockerCount)
        }
        #expect(harness.admin.calls == [.adjustLockerCount(1, AdjustLockerCountRequest(lockerCount: 18), Self.admin)])
    }

    static let controllerPaths: [(HTTPRequest.Method, String, String?)] = [
        (.get, "", nil),
        (.patch, "", #"{"name": "x"}"#),
        (.delete, "", nil),
        (.post, "/replace", #"{"kind": "simulated", "protocol": "simulated"}"#),
        (.post, "/locker-count", #"{"lockerCount": 4}"#),
    ]

    @Test(arguments: ["abc", "0", "-1", "01", "1.5", "99999999999999999999"])
    func aMalformedControllerIdIsNotFound(badId: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let token = try await client.login()
            for (method, suffix, body) in Self.controllerPaths {
                let response = try await client.admin(method, "/controllers/\(badId)\(suffix)", body: body, session: token)
                try expectError(response, .notFound, .controllerNotFound)
            }
        }
        #expect(harness.admin.calls.isEmpty)
    }

    @Test func anUnknownControllerIsTheDomainsNotFound() async throws {
        let harness = GatewayHarness()
        harness.admin.fail(with: .controllerNotFound(7))
        try await harness.run { client in
            let token = try await client.login()
            for (method, suffix, body) in Self.controllerPaths {
                let response = try await client.admin(method, "/controllers/7\(suffix)", body: body, session: token)
                let error = try expectError(response, .notFound, .controllerNotFound)
                #expect(error.details?["controllerId"] == 7)
            }
        }
        #expect(harness.admin.calls.count == Self.controllerPaths.count)
    }

    @Test(arguments: [
        (HTTPRequest.Method.post, "/controllers",
         String?.some(#"{"kind": "simulated", "protocol": "simulated", "lockerCount": 4}"#),
         APIError.controllerAddressTaken("Controller 2 already uses address 1 on /dev/ttyUSB0.")),
        (.patch, "/controllers/1", #"{"address": 2}"#, .controllerAddressTaken("Controller 2 already uses address 2.")),
        (.delete, "/controllers/1", nil, .controllerInUse(1, lockerIds: [3, 4])),
        (.post, "/controllers/1/replace", #"{"kind": "simulated", "protocol": "simulated"}"#,
         .controllerAddressTaken("Taken.")),
        (.post, "/controllers/1/locker-count", #"{"lockerCount": 2}"#, .lockerOccupied([23, 24])),
    ])
    func conflictsOfTheDomainAre409(method: HTTPRequest.Method, path: String, body: String?, error: APIError) async throws {
        let harness = GatewayHarness()
        harness.admin.fail(with: error)
        try await harness.run { client in
            let token = try await client.login()
            let answer = try expectError(
                try await client.admin(method, path, body: body, session: token), .conflict, error.code)
            #expect(answer.details == error.details)
            let operation = try OpenAPISpec.load().operation(method.rawValue, Self.template(path))
            #expect(operation?.body["responses"]?["409"] != nil, "409 is documented for \(method) \(path)")
        }
    }

    static func template(_ path: String) -> String {
        path.replacingOccurrences(of: "/controllers/1", with: "/controllers/{controllerId}")
    }
}
