import Foundation
import Hummingbird

/// Reads query parameters strictly: a parameter given twice, a value that is not
/// of its type or out of its range answers 400 `VALIDATION_FAILED` naming it.
/// Parameters the operation does not define are ignored.
struct QueryReader {
    private let values: [String: [String]]

    init(_ request: Request) {
        var values: [String: [String]] = [:]
        for (key, value) in request.uri.queryParameters {
            values[String(key), default: []].append(String(value))
        }
        self.values = values
    }

    /// An integer in `range`, or `defaultValue` when absent.
    func integer(_ name: String, in range: ClosedRange<Int64>, default defaultValue: Int64? = nil) throws(APIError) -> Int64? {
        guard let text = try single(name) else { return defaultValue }
        let message = range.upperBound == .max
            ? "\(name) must be an integer of at least \(range.lowerBound)."
            : "\(name) must be an integer between \(range.lowerBound) and \(range.upperBound)."
        guard Self.isCanonicalInteger(text), let number = Int64(text), range.contains(number) else {
            throw .invalidQueryParameter(name, message)
        }
        return number
    }

    /// One of an enum's raw values.
    func enumeration<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) throws(APIError) -> Value?
    where Value.RawValue == String {
        guard let text = try single(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidQueryParameter(name, "\(name) must be one of \(allowed).")
        }
        return value
    }

    /// An RFC 3339 `date-time`.
    func date(_ name: String) throws(APIError) -> Date? {
        guard let text = try single(name) else { return nil }
        guard let date = RFC3339.parse(text) else {
            throw .invalidQueryParameter(name, "\(name) must be an RFC 3339 date-time, e.g. 2025-11-27T00:06:25Z.")
        }
        return date
    }

    /// A string whose length (in code points) lies in `length`.
    func string(_ name: String, length: ClosedRange<Int>) throws(APIError) -> String? {
        guard let text = try single(name) else { return nil }
        guard length.contains(text.unicodeScalars.count) else {
            throw .invalidQueryParameter(
                name, "\(name) must be between \(length.lowerBound) and \(length.upperBound) characters.")
        }
        return text
    }

    private func single(_ name: String) throws(APIError) -> String? {
        guard let given = values[name] else { return nil }
        guard given.count == 1 else { throw .invalidQueryParameter(name, "\(name) may be given only once.") }
        return given[0]
    }

    /// Decimal digits with an optional minus and no leading zeros: `7`, `0`, `-3`;
    /// not `+7`, `07` or `7.0`, which are not how a client writes a number.
    static func isCanonicalInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard let first = digits.first, digits.allSatisfy(\.isASCIIDigit) else { return false }
        return first != "0" || digits.count == 1
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
