import Foundation
@testable import HarborBridge
import Hummingbird
import Testing

@Suite struct InputRuleTests {
    @Test(arguments: [
        ("2025-11-27T00:06:25Z", 1_764_201_985.0),
        ("2025-11-26T18:30:41.250Z", 1_764_181_841.25),
        ("2025-11-27T01:06:25+01:00", 1_764_201_985.0),
        ("2025-11-26T23:36:25.000-00:30", 1_764_201_985.0),
        ("2024-02-29t12:00:00z", 1_709_208_000.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2000-03-01T00:00:00Z", 951_868_800.0),
    ])
    func rfc3339ParsesStrictDateTimes(text: String, seconds: Double) {
        #expect(RFC3339.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "2025-11-27", "2025-11-27T00:06:25", "2025-11-27 00:06:25Z", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
        "2025-11-27T24:00:00Z", "2025-11-27T00:60:00Z", "2025-11-27T00:06:25.Z", "2025-11-27T00:06:25+0100",
        "2025-11-27T00:06:25Zjunk", "२०२५-11-27T00:06:25Z", "",
    ])
    func rfc3339RefusesAnythingElse(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func rfc3339WritesUTCWithMillisecondsOnlyWhenThereAreAny() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_764_201_985)) == "2025-11-27T00:06:25Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_764_181_841.25)) == "2025-11-26T18:30:41.250Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func jsonValueKeepsEveryJSONType() throws {
        let text = #"{"a": null, "b": true, "c": 7, "d": 1.5, "e": "x", "f": [1, "y"], "g": {"h": 1e30}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == .object([
            "a": .null, "b": .bool(true), "c": .integer(7), "d": .number(1.5), "e": .string("x"),
            "f": .array([.integer(1), .string("y")]), "g": .object(["h": .number(1e30)]),
        ]))
        let again = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test func bodySchemaReportsUnknownBeforeMissingBeforeWrong() throws {
        let schema = BodySchema(
            [.init(name: "count", rule: .integer(1...3)), .init(name: "name", rule: .string(length: 1...4))],
            required: ["name"])
        #expect(throws: APIError.validationFailed("Unknown property extra.", field: "/extra")) {
            try schema.validate(["extra": 1, "count": "x"])
        }
        #expect(throws: APIError.validationFailed("Missing required property name.", field: "/name")) {
            try schema.validate(["count": "x"])
        }
        #expect(throws: APIError.validationFailed("count must be an integer, not string.", field: "/count")) {
            try schema.validate(["count": "x", "name": "ab"])
        }
        #expect(throws: APIError.validationFailed("count must be between 1 and 3.", field: "/count")) {
            try schema.validate(["count": 4, "name": "ab"])
        }
        #expect(throws: APIError.validationFailed("name must be between 1 and 4 characters.", field: "/name")) {
            try schema.validate(["name": "abcde"])
        }
        try schema.validate(["count": 3, "name": "😀😀😀😀"])
    }

    @Test func queryIntegersAreCanonicalDecimals() {
        for text in ["0", "7", "-3", "9223372036854775807"] { #expect(QueryReader.isCanonicalInteger(text)) }
        for text in ["", "-", "+7", "07", "-0x", "7.0", "1e3", " 7", "٣"] { #expect(!QueryReader.isCanonicalInteger(text)) }
    }

    @Test func transactionIdsAreLowercaseUUIDs() {
        #expect(PathIdentifiers.isLowercaseUUID(Fixtures.transactionId))
        #expect(!PathIdentifiers.isLowercaseUUID(Fixtures.transactionId.uppercased()))
        #expect(!PathIdentifiers.isLowercaseUUID("3f0c2a9e-8d4b-4c1e-9a57-2b6f1e0d7c4"))
        #expect(!PathIdentifiers.isLowercaseUUID("3f0c2a9e_8d4b-4c1e-9a57-2b6f1e0d7c44"))
        #expect(!PathIdentifiers.isLowercaseUUID("3f0c2a9g-8d4b-4c1e-9a57-2b6f1e0d7c44"))
    }

    @Test func lockerIdsArePositiveCanonicalIntegers() throws {
        #expect(try PathIdentifiers.lockerId("12") == 12)
        #expect(try PathIdentifiers.lockerId("9223372036854775807") == .max)
        for bad in ["0", "-1", "012", "", "x", "9223372036854775808"] {
            #expect(throws: APIError.self) { try PathIdentifiers.lockerId(bad) }
        }
    }

    @Test func apiKeysCompareOverTheirWholeLength() {
        let key = Array("hgk_secret".utf8)
        #expect(APIKeyAuthenticator.constantTimeEqual(key, key))
        #expect(!APIKeyAuthenticator.constantTimeEqual(Array("hgk_secreT".utf8), key))
        #expect(!APIKeyAuthenticator.constantTimeEqual(Array("hgk_secret2".utf8), key))
        #expect(!APIKeyAuthenticator.constantTimeEqual(Array("hgk_secre".utf8), key))
        #expect(!APIKeyAuthenticator.constantTimeEqual([], key))
    }

    @Test func theAPIKeyIsTakenFromExactlyOneHeader() async throws {
        let authenticator = APIKeyAuthenticator(apiKey: "k1")
        func request(_ keys: [String]) -> Request {
            var fields = HTTPFields()
            for key in keys {
                if let name = HTTPFields.Element.Name("x-api-key") { fields.append(HTTPFields.Element(name: name, value: key)) }
            }
            let head = HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/lockers", headerFields: fields)
            return Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        }
        #expect(await authenticator.authenticate(request(["k1"])) == .apiKey)
        #expect(await authenticator.authenticate(request(["k1", "k1"])) == nil)
        #expect(await authenticator.authenticate(request([])) == nil)
        #expect(await APIKeyAuthenticator(apiKey: "").authenticate(request([""])) == nil)
    }

    @Test func routeResolutionPrefersLiteralSegments() {
        let routes = GatewayRoute.table
        #expect(RouteResolution(method: .post, path: "/lockers/open-all", routes: routes) == .route(routes[9]))
        #expect(RouteResolution(method: .get, path: "/lockers/open-all", routes: routes) == .methodNotAllowed(allowed: [.post]))
        #expect(RouteResolution(method: .get, path: "//lockers//12/", routes: routes) == .route(routes[10]))
        #expect(RouteResolution(method: .get, path: "/lockers/12/open/x", routes: routes) == .unknownPath)
    }

    @Test func adminPageEscapesTheName() {
        #expect(AdminPage.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    }
}
