import Foundation
import HarborBridge
import Hummingbird
import Testing

@Suite struct LockerRoutesTests {
    @Test func listAnswersEveryLockerWithNullsWrittenOut() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/lockers")
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/lockers")
            #expect(try response.decode(LockerList.self).lockers == [Fixtures.occupiedLocker, Fixtures.outOfServiceLocker])
            let first = try response.json()["lockers"]?.arrayValue?.first
            #expect(first?["reasonCode"] == .null)
            #expect(first?["reason"] == .null)
            #expect(first?["updatedAt"] == "2025-11-27T00:06:25Z")
        }
        #expect(harness.operations.calls == [.lockers])
    }

    @Test func getAnswersTheLocker() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/lockers/12")
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/lockers/{lockerId}")
            #expect(try response.decode(Locker.self) == Fixtures.occupiedLocker)
        }
        #expect(harness.operations.calls == [.locker(12)])
    }

    @Test(arguments: ["abc", "0", "-1", "012", "1.5", "+3", "99999999999999999999"])
    func aMalformedLockerIdIsNotFound(badId: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            try expectError(try await client.send(.get, "/lockers/\(badId)"), .notFound, .lockerNotFound)
            try expectError(try await client.send(.post, "/lockers/\(badId)/open"), .notFound, .lockerNotFound)
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func anUnknownLockerIsTheDomainsNotFound() async throws {
        let harness = GatewayHarness()
        harness.operations.fail(with: .lockerNotFound(99))
        try await harness.run { client in
            let body = try expectError(try await client.send(.get, "/lockers/99"), .notFound, .lockerNotFound)
            #expect(body.message == "Locker 99 does not exist")
            #expect(body.details?["lockerId"] == 99)
        }
        #expect(harness.operations.calls == [.locker(99)])
    }

    @Test func openAnswersWhatTheBoardReported() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/lockers/12/open")
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/lockers/{lockerId}/open")
            #expect(try response.decode(LockerOperationResponse.self) == Fixtures.opened)
            #expect(try response.json()["message"] == nil, "optional fields are left out when nil")
        }
        #expect(harness.operations.calls == [.openLocker(12, .apiKey)])
    }

    @Test func openingAnOutOfServiceLockerIsAConflict() async throws {
        let harness = GatewayHarness()
        harness.operations.fail(with: .lockerOutOfService(5, reasonCode: .lockFault))
        try await harness.run { client in
            let body = try expectError(try await client.send(.post, "/lockers/5/open"), .conflict, .lockerOutOfService)
            #expect(body.details == ["lockerId": 5, "reasonCode": "LOCK_FAULT"])
        }
    }

    @Test func openAllWithoutFailuresAnswers200() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/lockers/open-all")
            #expect(response.status == .ok)
            try expectConforms(response, "POST", "/lockers/open-all")
            let body = try response.decode(OpenAllLockersResponse.self)
            #expect(body.success && body.opened == 1 && body.failed == 0 && body.skipped == 1 && body.durationMs == 1240)
            #expect(body.results == Fixtures.openAllRun.results)
        }
        #expect(harness.operations.calls == [.openAll(OpenAllRequest(), .apiKey)])
    }

    @Test func openAllWithAnUnknownOutcomeAnswers207() async throws {
        let harness = GatewayHarness()
        harness.operations.answerOpenAll(Fixtures.openAllRunWithTimeout)
        try await harness.run { client in
            let response = try await client.send(.post, "/lockers/open-all", body: "{}")
            #expect(response.status.code == 207)
            try expectConforms(response, "POST", "/lockers/open-all")
            let body = try response.decode(MultiStatusOperationResponse.self)
            #expect(!body.success && body.opened == 1 && body.failed == 1 && body.skipped == 0)
            #expect(body.results[1].errorCode == "HARDWARE_TIMEOUT")
        }
    }

    @Test func includeOutOfServiceIsRefusedForAnAPIKey() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/lockers/open-all", body: #"{"includeOutOfService": true}"#)
            #expect(try expectError(response, .badRequest, .validationFailed).details?["field"] == "/includeOutOfService")
            let allowed = try await client.send(.post, "/lockers/open-all", body: #"{"includeOutOfService": false}"#)
            #expect(allowed.status == .ok)
        }
        #expect(harness.operations.calls == [.openAll(OpenAllRequest(includeOutOfService: false), .apiKey)])
    }

    @Test func includeOutOfServiceReachesTheDomainForAnAdmin() async throws {
        var harness = GatewayHarness()
        harness.authenticator = FixedCallerAuthenticator(caller: .admin(user: "admin"))
        try await harness.run { client in
            let response = try await client.send(
                .post, "/lockers/open-all", body: #"{"includeOutOfService": true}"#, apiKey: nil)
            #expect(response.status == .ok)
        }
        #expect(harness.operations.calls == [.openAll(OpenAllRequest(includeOutOfService: true), .admin(user: "admin"))])
    }

    @Test(arguments: [
        (#"{"includeOutOfService": "yes"}"#, APIErrorCode.validationFailed),
        (#"{"includeOutOfService": 1}"#, .validationFailed),
        (#"{"force": true}"#, .validationFailed),
        ("{", .invalidJSON),
        ("[true]", .invalidJSON),
    ])
    func openAllRefusesABadBody(body: String, code: APIErrorCode) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            try expectError(try await client.send(.post, "/lockers/open-all", body: body), .badRequest, code)
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func openAllIsNotALockerId() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/lockers/open-all")
            try expectError(response, .methodNotAllowed, .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
        }
        #expect(harness.operations.calls.isEmpty)
    }
}
