import Foundation
@testable import HarborBridge
import Testing

/// The document is binding: these tests fail as soon as the route table, the
/// error codes, the request body rules or the embedded text drift from it.
@Suite struct DocumentDriftTests {
    private static let unauthenticated: Set<String> = ["GET /health", "GET /admin", "GET /openapi.yaml"]

    @Test func routeTableHasExactlyThePublicOperations() throws {
        let spec = try OpenAPISpec.load()
        let documented = Set(
            spec.operations.filter { $0.body["x-harbor-api"] == "public" }.map { "\($0.method) \($0.path)" }
        ).union(Self.unauthenticated)
        let routed = Set(GatewayRoute.table.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed == documented)
        #expect(routed.count == GatewayRoute.table.count, "a (method, path) appears twice")
        #expect(GatewayOperationID.allCases.count == GatewayRoute.table.count)
    }

    @Test func everyRouteCarriesTheOperationIdAndSecurityOfTheDocument() throws {
        let spec = try OpenAPISpec.load()
        for route in GatewayRoute.table {
            let operation = try #require(spec.operation(route.method.rawValue, route.path))
            #expect(operation.body["operationId"]?.stringValue == route.operation.rawValue)
            // An operation without `security` inherits the document's (non-empty) list.
            let security = operation.body["security"] ?? spec.root["security"]
            let anonymous = security == .array([])
            #expect(anonymous == (route.access == .anonymous), "\(route.method) \(route.path)")
            #expect(anonymous == Self.unauthenticated.contains("\(route.method.rawValue) \(route.path)"))
        }
    }

    @Test func errorCodesAndStatusesAreTheDocumentedOnes() throws {
        let spec = try OpenAPISpec.load()
        let description = try #require(spec.schema(named: "Error")?["properties"]?["code"]?["description"]?.stringValue)
        var documented: [String: Int] = [:]
        for line in description.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("* "), let status = Int(trimmed.dropFirst(2).prefix(3)) else { continue }
            let codes = trimmed.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            for code in codes { documented[code] = status }
        }
        let implemented = Dictionary(uniqueKeysWithValues: APIErrorCode.allCases.map { ($0.rawValue, Int($0.status.code)) })
        #expect(implemented == documented)
    }

    @Test(arguments: [
        ("CreateTransactionRequest", CreateTransactionRequest.schema),
        ("OpenAllRequest", OpenAllRequest.schema),
        ("SystemConfigUpdate", SystemConfigUpdate.schema),
    ])
    func requestBodyRulesMirrorTheirSchema(name: String, rules: BodySchema) throws {
        let spec = try OpenAPISpec.load()
        let schema = try #require(spec.schema(named: name))
        #expect(schema["additionalProperties"] == .bool(false))
        #expect(schema["type"] == "object")
        let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(rules.required == required)
        #expect(Int(schema["minProperties"]?.numberValue ?? 0) == rules.minProperties)
        guard case let .object(properties)? = schema["properties"] else {
            Issue.record("\(name) has no properties")
            return
        }
        #expect(Set(properties.keys) == Set(rules.properties.map(\.name)))
        for property in rules.properties {
            let documented = try #require(properties[property.name].map(spec.resolve))
            #expect(Self.rule(from: documented) == property.rule, "\(name).\(property.name)")
        }
    }

    @Test func embeddedDocumentEqualsTheFile() throws {
        let file = try String(contentsOf: OpenAPISpec.documentURL, encoding: .utf8)
        #expect(OpenAPIDocument.text == file, "run scripts/embed-openapi")
    }

    /// The `BodySchema.Rule` a documented property schema means.
    private static func rule(from schema: JSONValue) -> BodySchema.Rule? {
        switch schema["type"]?.stringValue {
        case "boolean":
            return .boolean
        case "integer":
            let minimum = schema["minimum"]?.numberValue.map { Int64($0) } ?? .min
            let maximum = schema["maximum"]?.numberValue.map { Int64($0) } ?? .max
            return .integer(minimum...maximum)
        case "string":
            if let values = schema["enum"]?.arrayValue {
                return .oneOf(values.compactMap(\.stringValue))
            }
            let minimum = schema["minLength"]?.numberValue.map { Int($0) } ?? 0
            let maximum = schema["maxLength"]?.numberValue.map { Int($0) } ?? .max
            return .string(length: minimum...maximum)
        default:
            return nil
        }
    }
}
