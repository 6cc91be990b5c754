import Foundation
@testable import HarborBridge
import Testing

/// The document is binding: these tests fail as soon as the route table, the
/// error codes, the request body rules or the embedded text drift from it.
@Suite struct DocumentDriftTests {
    private static let unauthenticated: Set<String> = ["GET /health", "GET /admin", "GET /openapi.yaml"]

    @Test func routeTableHasExactlyTheDocumentsOperations() throws {
        let spec = try OpenAPISpec.load()
        let documented = Set(spec.operations.map { "\($0.method) \($0.path)" })
        let routed = Set(GatewayRoute.table.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed == documented)
        #expect(routed.count == GatewayRoute.table.count, "a (method, path) appears twice")
        #expect(GatewayOperationID.allCases.count == GatewayRoute.table.count)
        #expect(Set(GatewayRoute.table.map(\.operation)).count == GatewayRoute.table.count)
        let publicDocumented = Set(
            spec.operations.filter { $0.body["x-harbor-api"] == "public" }.map { "\($0.method) \($0.path)" })
        #expect(Set(GatewayRoute.publicTable.map { "\($0.method.rawValue) \($0.path)" }) == publicDocumented)
    }

    /// The security schemes each access level stands for, in the document's order.
    private static func schemes(_ access: GatewayRoute.Access) -> [String] {
        switch access {
        case .anonymous: []
        case .authenticated: ["apiKey", "sessionToken", "basicAuth"]
        case .admin: ["sessionToken", "basicAuth"]
        case .adminBasic: ["basicAuth"]
        }
    }

    @Test func everyRouteCarriesTheOperationIdApiAndSecurityOfTheDocument() throws {
        let spec = try OpenAPISpec.load()
        for route in GatewayRoute.table {
            let name = "\(route.method.rawValue) \(route.path)"
            let operation = try #require(spec.operation(route.method.rawValue, route.path))
            #expect(operation.body["operationId"]?.stringValue == route.operation.rawValue)
            #expect(operation.body["x-harbor-api"] == (route.isAdmin ? "admin" : "public"), "\(name)")
            // An operation without `security` inherits the document's list.
            let security = operation.body["security"] ?? spec.root["security"]
            let schemes = security?.arrayValue?.compactMap { requirement -> String? in
                guard case let .object(entries) = requirement, entries.count == 1 else { return nil }
                return entries.keys.first
            }
            #expect(schemes == Self.schemes(route.access), "\(name)")
            #expect((route.access == .anonymous) == Self.unauthenticated.contains(name))
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
        ("CreateControllerRequest", CreateControllerRequest.schema),
        ("ReplaceControllerRequest", ReplaceControllerRequest.schema),
        ("UpdateControllerRequest", UpdateControllerRequest.schema),
        ("AdjustLockerCountRequest", AdjustLockerCountRequest.schema),
        ("ScanRequest", ScanRequest.schema),
        ("UpdateLockerServiceStateRequest", UpdateLockerServiceStateRequest.schema),
        ("ChangePasswordRequest", ChangePasswordRequest.schema),
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
            let documented = try #require(properties[property.name])
            #expect(Self.rule(from: documented, spec: spec) == property.rule, "\(name).\(property.name)")
        }
    }

    @Test func embeddedDocumentEqualsTheFile() throws {
        let file = try String(contentsOf: OpenAPISpec.documentURL, encoding: .utf8)
        #expect(OpenAPIDocument.text == file, "the served document is the repository's file")
    }

    /// The `BodySchema.Rule` a documented property schema means: a `type` list or
    /// a `oneOf` with `null` is nullable, `$ref`s are followed.
    private static func rule(from schema: JSONValue, spec: OpenAPISpec) -> BodySchema.Rule? {
        let schema = spec.resolve(schema)
        if let options = schema["oneOf"]?.arrayValue {
            let others = options.filter { $0["type"] != "null" }
            guard others.count == 1, options.count == 2 else { return nil }
            return rule(from: others[0], spec: spec).map { .nullable($0) }
        }
        if let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) {
            guard types.count == 2, types.contains("null"), let type = types.first(where: { $0 != "null" }) else {
                return nil
            }
            return rule(from: schema, type: type, spec: spec).map { .nullable($0) }
        }
        return schema["type"]?.stringValue.flatMap { rule(from: schema, type: $0, spec: spec) }
    }

    private static func rule(from schema: JSONValue, type: String, spec: OpenAPISpec) -> BodySchema.Rule? {
        switch type {
        case "boolean":
            return .boolean
        case "integer":
            if let values = schema["enum"]?.arrayValue {
                return .integerOneOf(values.compactMap { $0.numberValue.map { Int64($0) } })
            }
            let minimum = schema["minimum"]?.numberValue.map { Int64($0) } ?? .min
            let maximum = schema["maximum"]?.numberValue.map { Int64($0) } ?? .max
            return .integer(minimum...maximum)
        case "string":
            if let values = schema["enum"]?.arrayValue {
                return .oneOf(values.compactMap(\.stringValue))
            }
            return .string(length: lengths(schema, "minLength", "maxLength"))
        case "array":
            guard let items = schema["items"].map(spec.resolve), items["type"] == "string" else { return nil }
            return .strings(count: lengths(schema, "minItems", "maxItems"), length: lengths(items, "minLength", "maxLength"))
        default:
            return nil
        }
    }

    private static func lengths(_ schema: JSONValue, _ minimum: String, _ maximum: String) -> ClosedRange<Int> {
        (schema[minimum]?.numberValue.map { Int($0) } ?? 0)...(schema[maximum]?.numberValue.map { Int($0) } ?? .max)
    }
}
