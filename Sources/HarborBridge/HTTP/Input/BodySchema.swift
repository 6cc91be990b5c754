/// The shape of a request body, mirroring its schema in the document (all of
/// which are objects with `additionalProperties: false`). Validation happens on
/// the parsed `JSONValue` before any typed decoding, so that every error names
/// the property by JSON Pointer and nothing half-valid reaches the domain.
struct BodySchema: Sendable, Equatable {
    /// What one property accepts.
    indirect enum Rule: Sendable, Equatable {
        case boolean
        case integer(ClosedRange<Int64>)
        /// One of a fixed set of integers (`baudRate`).
        case integerOneOf([Int64])
        /// Length in Unicode code points, as JSON Schema counts it.
        case string(length: ClosedRange<Int>)
        case oneOf([String])
        /// An array of `count` strings, each of `length` code points.
        case strings(count: ClosedRange<Int>, length: ClosedRange<Int>)
        /// `null` or what the wrapped rule accepts.
        case nullable(Rule)
    }

    /// One property and its rule.
    struct Property: Sendable, Equatable {
        let name: String
        let rule: Rule
    }

    let properties: [Property]
    let required: [String]
    let minProperties: Int

    init(_ properties: [Property], required: [String] = [], minProperties: Int = 0) {
        self.properties = properties
        self.required = required
        self.minProperties = minProperties
    }

    /// Checks unknown properties first, then missing ones, then each value in
    /// declaration order, so the first problem reported is stable.
    func validate(_ object: [String: JSONValue]) throws(APIError) {
        let known = Set(properties.map(\.name))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .validationFailed("Unknown property \(unknown).", field: Self.pointer(unknown))
        }
        if let missing = required.first(where: { object[$0] == nil }) {
            throw .validationFailed("Missing required property \(missing).", field: Self.pointer(missing))
        }
        if object.count < minProperties {
            throw .validationFailed("The body must set at least \(minProperties) property.", field: "")
        }
        for property in properties {
            guard let value = object[property.name] else { continue }
            try property.check(value)
        }
    }

    /// RFC 6901: `~` and `/` are escaped inside a reference token.
    static func pointer(_ name: String) -> String {
        "/" + name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension BodySchema.Property {
    func check(_ value: JSONValue) throws(APIError) {
        try check(value, against: rule)
    }

    private func check(_ value: JSONValue, against rule: BodySchema.Rule) throws(APIError) {
        let field = BodySchema.pointer(name)
        switch (rule, value) {
        case (.nullable, .null):
            return
        case let (.nullable(inner), _):
            try check(value, against: inner)
        case (.boolean, .bool):
            return
        case let (.integerOneOf(values), .integer(number)):
            guard values.contains(number) else {
                throw .validationFailed(
                    "\(name) must be one of \(values.map(String.init).joined(separator: ", ")).", field: field)
            }
        case let (.strings(count, length), .array(items)):
            guard count.contains(items.count) else {
                throw .validationFailed(
                    "\(name) must have between \(count.lowerBound) and \(count.upperBound) entries.", field: field)
            }
            for (index, item) in items.enumerated() {
                guard case let .string(text) = item else {
                    throw .validationFailed("\(name) must hold strings only.", field: "\(field)/\(index)")
                }
                guard length.contains(text.unicodeScalars.count) else {
                    throw .validationFailed(lengthMessage(length, of: "each entry of \(name)"), field: "\(field)/\(index)")
                }
                try Self.refuseNUL(text, in: "each entry of \(name)", field: "\(field)/\(index)")
            }
        case let (.integer(range), .integer(number)):
            guard range.contains(number) else { throw .validationFailed(outOfRange(range), field: field) }
        case let (.integer(range), .number(number)) where number.rounded() == number:
            // Integral but beyond Int64: out of range rather than the wrong type.
            throw .validationFailed(outOfRange(range), field: field)
        case let (.string(length), .string(text)):
            guard length.contains(text.unicodeScalars.count) else {
                throw .validationFailed(lengthMessage(length, of: name), field: field)
            }
            try Self.refuseNUL(text, in: name, field: field)
        case let (.oneOf(values), .string(text)):
            guard values.contains(text) else {
                throw .validationFailed(
                    "\(name) must be one of \(values.joined(separator: ", ")).", field: field)
            }
        default:
            throw .validationFailed("\(name) must be \(Self.expectedType(rule)), not \(value.typeName).", field: field)
        }
    }

    /// The store hands text back only up to its first U+0000, so such a string would
    /// be cut short after it was accepted (a controller's serial read back empty, and
    /// every later change of that controller refused): it is refused up front.
    private static func refuseNUL(_ text: String, in subject: String, field: String) throws(APIError) {
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw .validationFailed("\(subject) must not contain the NUL character (U+0000).", field: field)
        }
    }

    private static func expectedType(_ rule: BodySchema.Rule) -> String {
        switch rule {
        case .boolean: "a boolean"
        case .integer, .integerOneOf: "an integer"
        case .string, .oneOf: "a string"
        case .strings: "an array of strings"
        case let .nullable(inner): expectedType(inner) + " or null"
        }
    }

    private func outOfRange(_ range: ClosedRange<Int64>) -> String {
        range.upperBound == .max
            ? "\(name) must be at least \(range.lowerBound)."
            : "\(name) must be between \(range.lowerBound) and \(range.upperBound)."
    }

    private func lengthMessage(_ length: ClosedRange<Int>, of subject: String) -> String {
        if length.lowerBound == 0 {
            return "\(subject) must be at most \(length.upperBound) characters."
        }
        if length.upperBound == .max {
            return "\(subject) must not be empty."
        }
        return "\(subject) must be between \(length.lowerBound) and \(length.upperBound) characters."
    }
}

/// A request body decoded only after its `schema` accepted it.
protocol ValidatedRequestBody: Decodable, Sendable {
    /// The document's schema of this body, in Swift.
    static var schema: BodySchema { get }

    /// Rules between properties (the document's `if`/`then` parts and descriptions),
    /// checked once every property passed `schema`.
    static func checkRelations(_ object: [String: JSONValue]) throws(APIError)
}

extension ValidatedRequestBody {
    /// Most bodies have no rules between properties.
    static func checkRelations(_ object: [String: JSONValue]) throws(APIError) {}
}

extension CreateTransactionRequest: ValidatedRequestBody {
    static let schema = BodySchema([
        .init(name: "lockerId", rule: .integer(1...Int64.max)),
        .init(name: "reference", rule: .string(length: 0...200)),
    ])
}

extension OpenAllRequest: ValidatedRequestBody {
    static let schema = BodySchema([
        .init(name: "includeOutOfService", rule: .boolean),
    ])
}

extension SystemConfigUpdate: ValidatedRequestBody {
    static let schema = BodySchema(
        [
            .init(name: "gatewayName", rule: .string(length: 1...64)),
            .init(name: "pulseMs", rule: .integer(50...5000)),
            .init(name: "statusPollIntervalMs", rule: .integer(100...60000)),
            .init(name: "openAllConcurrency", rule: .integer(1...16)),
            .init(name: "openAllSpacingMs", rule: .integer(0...10000)),
            .init(name: "logLevel", rule: .oneOf(LogLevel.allCases.map(\.rawValue))),
            .init(name: "sessionIdleTimeoutSeconds", rule: .integer(60...86400)),
            .init(name: "sessionAbsoluteTimeoutSeconds", rule: .integer(300...604_800)),
            .init(name: "autoAddDiscoveredControllers", rule: .boolean),
        ],
        minProperties: 1)
}
