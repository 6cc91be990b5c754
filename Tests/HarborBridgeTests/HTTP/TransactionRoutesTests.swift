import Foundation
import HarborBridge
import Hummingbird
import Testing

@Suite struct TransactionRoutesTests {
    private let id = Fixtures.transactionId

    @Test func listAnswersAPageWithTheDocumentedDefaults() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/transactions")
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/transactions")
            let page = try response.decode(TransactionList.self)
            #expect(page.transactions == [Fixtures.activeTransaction, Fixtures.releasedTransaction])
            #expect(page.limit == 50 && page.offset == 0)
        }
        #expect(harness.operations.calls == [.listTransactions(status: nil, lockerId: nil, limit: 50, offset: 0)])
    }

    @Test func listPassesItsFilters() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/transactions?status=released&lockerId=12&limit=500&offset=20")
            #expect(response.status == .ok)
        }
        #expect(harness.operations.calls == [.listTransactions(status: .released, lockerId: 12, limit: 500, offset: 20)])
    }

    @Test(arguments: [
        ("status=open", "status"), ("status=", "status"), ("lockerId=0", "lockerId"), ("lockerId=abc", "lockerId"),
        ("lockerId=-4", "lockerId"), ("limit=0", "limit"), ("limit=501", "limit"), ("limit=1.5", "limit"),
        ("limit=+5", "limit"), ("offset=-1", "offset"), ("limit=5&limit=6", "limit"),
    ])
    func listRefusesABadQueryBeforeTheDomain(query: String, parameter: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/transactions?\(query)")
            let body = try expectError(response, .badRequest, .validationFailed)
            #expect(body.details?["parameter"] == .string(parameter))
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func createWithoutBodyAnswers201WithLocation() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/transactions")
            #expect(response.status == .created)
            #expect(response.headers[.location] == "/transactions/\(Fixtures.transactionId)")
            try expectConforms(response, "POST", "/transactions")
            #expect(try response.decode(TransactionResponse.self) == Fixtures.activeTransaction)
        }
        #expect(harness.operations.calls == [.createTransaction(CreateTransactionRequest(), .apiKey)])
    }

    @Test func createPassesTheLockerAndReference() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(
                .post, "/transactions", body: #"{"lockerId": 12, "reference": "order-2025-11-27-0042"}"#)
            #expect(response.status == .created)
        }
        #expect(harness.operations.calls == [
            .createTransaction(CreateTransactionRequest(lockerId: 12, reference: "order-2025-11-27-0042"), .apiKey)
        ])
    }

    @Test(arguments: [
        (#"{"lockerId": "#, APIErrorCode.invalidJSON, nil),
        ("[]", .invalidJSON, nil),
        (#""lockerId""#, .invalidJSON, nil),
        ("null", .invalidJSON, nil),
        (#"{"lockerId": "12"}"#, .validationFailed, "/lockerId"),
        (#"{"lockerId": null}"#, .validationFailed, "/lockerId"),
        (#"{"lockerId": 0}"#, .validationFailed, "/lockerId"),
        (#"{"lockerId": 1.5}"#, .validationFailed, "/lockerId"),
        (#"{"lockerId": 99999999999999999999}"#, .validationFailed, "/lockerId"),
        (#"{"reference": 42}"#, .validationFailed, "/reference"),
        (#"{"lockerId": 3, "colour": "red"}"#, .validationFailed, "/colour"),
        (#"{"a/b~": 1}"#, .validationFailed, "/a~1b~0"),
    ] as [(String, APIErrorCode, String?)])
    func createRefusesABadBodyBeforeTheDomain(body: String, code: APIErrorCode, field: String?) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.post, "/transactions", body: body)
            let error = try expectError(response, .badRequest, code)
            #expect(error.details?["field"] == field.map(JSONValue.string))
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func createRefusesAReferenceLongerThan200Characters() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let tooLong = String(repeating: "é", count: 201)
            let response = try await client.send(.post, "/transactions", body: #"{"reference": "\#(tooLong)"}"#)
            #expect(try expectError(response, .badRequest, .validationFailed).details?["field"] == "/reference")
            let longest = String(repeating: "é", count: 200)
            #expect(try await client.send(.post, "/transactions", body: #"{"reference": "\#(longest)"}"#).status == .created)
        }
    }

    @Test(arguments: [
        (APIError.noLockerAvailable(), HTTPResponse.Status.conflict),
        (.lockerNotAvailable(12), .conflict),
        (.lockerNotFound(99), .notFound),
        (.storeUnavailable(), .serviceUnavailable),
    ])
    func createAnswersTheDomainsRefusal(error: APIError, status: HTTPResponse.Status) async throws {
        let harness = GatewayHarness()
        harness.operations.fail(with: error)
        try await harness.run { client in
            let response = try await client.send(.post, "/transactions", body: #"{"lockerId": 99}"#)
            let body = try expectError(response, status, error.code)
            #expect(body.message == error.message)
        }
    }

    @Test func getAnswersTheTransaction() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/transactions/\(id)")
            #expect(response.status == .ok)
            try expectConforms(response, "GET", "/transactions/{transactionId}")
            #expect(try response.decode(TransactionResponse.self) == Fixtures.activeTransaction)
        }
        #expect(harness.operations.calls == [.transaction(id)])
    }

    @Test func releaseAndOpenPassTheCaller() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let released = try await client.send(.post, "/transactions/\(id)/release")
            #expect(released.status == .ok)
            try expectConforms(released, "POST", "/transactions/{transactionId}/release")
            #expect(try released.decode(TransactionResponse.self) == Fixtures.releasedTransaction)

            let opened = try await client.send(.post, "/transactions/\(id)/open")
            #expect(opened.status == .ok)
            try expectConforms(opened, "POST", "/transactions/{transactionId}/open")
            #expect(try opened.decode(LockerOperationResponse.self) == Fixtures.opened)
        }
        #expect(harness.operations.calls == [.releaseTransaction(id, .apiKey), .openByTransaction(id, .apiKey)])
    }

    @Test(arguments: ["3F0C2A9E-8D4B-4C1E-9A57-2B6F1E0D7C44", "abc", "42", "3f0c2a9e8d4b4c1e9a572b6f1e0d7c44"])
    func aMalformedTransactionIdIsNotFound(badId: String) async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            try expectError(try await client.send(.get, "/transactions/\(badId)"), .notFound, .transactionNotFound)
            try expectError(try await client.send(.post, "/transactions/\(badId)/release"), .notFound, .transactionNotFound)
            try expectError(try await client.send(.post, "/transactions/\(badId)/open"), .notFound, .transactionNotFound)
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test(arguments: [
        ("GET", "", APIError.transactionNotFound(Fixtures.transactionId)),
        ("POST", "/release", .transactionAlreadyReleased(Fixtures.transactionId)),
        ("POST", "/open", .transactionNotActive(Fixtures.transactionId)),
        ("POST", "/open", .hardwareTimeout(lockerId: 12, controllerId: 1, doorState: .unknown)),
        ("POST", "/open", .hardwareBadReply(lockerId: 12, controllerId: 1, doorState: .closed)),
        ("POST", "/open", .controllerUnreachable(lockerId: 12, controllerId: 1)),
    ])
    func transactionErrorsOfTheDomainKeepTheirStatusAndDetails(method: String, suffix: String, error: APIError) async throws {
        let harness = GatewayHarness()
        harness.operations.fail(with: error)
        try await harness.run { client in
            let response = try await client.send(method == "GET" ? .get : .post, "/transactions/\(id)\(suffix)")
            let body = try expectError(response, error.status, error.code)
            #expect(body.details == error.details)
        }
    }
}
