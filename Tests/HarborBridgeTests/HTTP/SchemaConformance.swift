import Foundation
import HarborBridge

/// A small structural JSON Schema checker over the document: `$ref`, `allOf`,
/// `oneOf`, `type`, `const`, `enum`, `required`, `properties`,
/// `additionalProperties`, `items`, `pattern`, lengths and numeric bounds. Enough
/// to catch a missing field, a wrong type or a value outside an enum.
struct SchemaConformance {
    let spec: OpenAPISpec

    /// Every place where `value` breaks `schema`, as "pointer: problem".
    func violations(of value: JSONValue, against schema: JSONValue, at pointer: String = "") -> [String] {
        let schema = spec.resolve(schema)
        var found: [String] = []
        for part in schema["allOf"]?.arrayValue ?? [] {
            found += violations(of: value, against: part, at: pointer)
        }
        if let options = schema["oneOf"]?.arrayValue {
            let matching = options.filter { violations(of: value, against: $0, at: pointer).isEmpty }
            if matching.count != 1 { found.append("\(pointer): matches \(matching.count) of oneOf") }
        }
        if let types = typeNames(schema["type"]), !types.contains(where: { matches(value, type: $0) }) {
            found.append("\(pointer): \(value.typeName) is not \(types.joined(separator: "|"))")
        }
        if let constant = schema["const"], constant != value {
            found.append("\(pointer): not the constant \(constant)")
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            found.append("\(pointer): \(value) is not in the enum")
        }
        found += objectViolations(of: value, against: schema, at: pointer)
        found += scalarViolations(of: value, against: schema, at: pointer)
        if case let .array(items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                found += violations(of: item, against: itemSchema, at: "\(pointer)/\(index)")
            }
        }
        return found
    }

    private func objectViolations(of value: JSONValue, against schema: JSONValue, at pointer: String) -> [String] {
        guard case let .object(object) = value else { return [] }
        var found: [String] = []
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            found.append("\(pointer)/\(name): required but missing")
        }
        let properties: [String: JSONValue]
        if case let .object(declared)? = schema["properties"] { properties = declared } else { properties = [:] }
        for (name, member) in object {
            if let propertySchema = properties[name] {
                found += violations(of: member, against: propertySchema, at: "\(pointer)/\(name)")
            } else if let additional = schema["additionalProperties"] {
                if additional == .bool(false) {
                    found.append("\(pointer)/\(name): not allowed")
                } else if case .object = additional {
                    found += violations(of: member, against: additional, at: "\(pointer)/\(name)")
                }
            }
        }
        return found
    }

    private func scalarViolations(of value: JSONValue, against schema: JSONValue, at pointer: String) -> [String] {
        var found: [String] = []
        if let number = value.numberValue {
            if let minimum = schema["minimum"]?.numberValue, number < minimum {
                found.append("\(pointer): \(number) < minimum \(minimum)")
            }
            if let maximum = schema["maximum"]?.numberValue, number > maximum {
                found.append("\(pointer): \(number) > maximum \(maximum)")
            }
        }
        if case let .string(text) = value {
            if let pattern = schema["pattern"]?.stringValue,
               text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(pointer): \(text) does not match \(pattern)")
            }
            if let maximum = schema["maxLength"]?.numberValue, Double(text.unicodeScalars.count) > maximum {
                found.append("\(pointer): longer than \(maximum)")
            }
            if let minimum = schema["minLength"]?.numberValue, Double(text.unicodeScalars.count) < minimum {
                found.append("\(pointer): shorter than \(minimum)")
            }
            if schema["format"]?.stringValue == "date-time", RFC3339.parse(text) == nil {
                found.append("\(pointer): \(text) is not a date-time")
            }
        }
        return found
    }

    private func typeNames(_ type: JSONValue?) -> [String]? {
        switch type {
        case let .string(name)?: [name]
        case let .array(names)?: names.compactMap(\.stringValue)
        default: nil
        }
    }

    private func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("integer", .integer), ("number", .integer), ("number", .number):
            true
        default:
            false
        }
    }
}
