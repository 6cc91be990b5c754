import HarborBridge
import Testing

/// The checker behind `expectConforms` must itself catch what it is meant to catch.
@Suite struct SchemaConformanceTests {
    private func problems(_ value: JSONValue, _ schemaName: String) throws -> [String] {
        let spec = try OpenAPISpec.load()
        return SchemaConformance(spec: spec).violations(of: value, against: try #require(spec.schema(named: schemaName)))
    }

    private let goodTransaction: JSONValue = .object([
        "id": "3f0c2a9e-8d4b-4c1e-9a57-2b6f1e0d7c44", "lockerId": 12, "status": "active",
        "createdAt": "2025-11-27T00:06:25Z", "releasedAt": .null, "reference": .null,
    ])

    @Test func aConformingBodyHasNoProblems() throws {
        #expect(try problems(goodTransaction, "TransactionResponse").isEmpty)
    }

    @Test func missingWrongTypedOrUnknownValuesAreCaught() throws {
        guard case var .object(fields) = goodTransaction else { return }
        fields["releasedAt"] = nil
        #expect(try problems(.object(fields), "TransactionResponse") == ["/releasedAt: required but missing"])
        fields["releasedAt"] = .null
        fields["status"] = "pending"
        #expect(try !problems(.object(fields), "TransactionResponse").isEmpty)
        fields["status"] = "active"
        fields["lockerId"] = "12"
        #expect(try !problems(.object(fields), "TransactionResponse").isEmpty)
        fields["lockerId"] = 12
        fields["id"] = "NOT-A-UUID"
        #expect(try !problems(.object(fields), "TransactionResponse").isEmpty)
    }

    @Test func oneOfAndConstAreChecked() throws {
        let locker: JSONValue = .object([
            "id": 5, "controllerId": 1, "channel": 5, "status": "out_of_service", "outOfService": true,
            "reasonCode": "BROKEN", "reason": .null, "doorState": "unknown", "operational": false,
            "transactionId": .null, "updatedAt": "2025-11-26T17:40:02Z",
        ])
        #expect(try problems(locker, "Locker") == ["/reasonCode: matches 0 of oneOf"])
        #expect(try !problems(.object(["success": true, "code": "X", "message": "m"]), "Error").isEmpty)
    }
}
