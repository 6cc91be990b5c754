import Yams

/// One scalar of the configuration file, read as the type a field asks for.
///
/// The rules restate Yams 5's scalar constructors (`Sources/Yams/Constructor.swift`,
/// `Decoder.swift`) so the file decodes to the same values as with `YAMLDecoder`,
/// but in plain Swift: no tag resolver (whose rules are NSRegularExpressions) and
/// no NSString `replacingOccurrences`. Where Yams would trap on an overflowing
/// sexagesimal number, this refuses the scalar instead.
struct ConfigurationScalar {
    /// The scalar's text, quotes and escapes already removed by the parser.
    let text: String
    /// Plain (unquoted, not a block literal); numbers are only read from plain scalars.
    let isPlain: Bool

    init(text: String, isPlain: Bool) {
        self.text = text
        self.isPlain = isPlain
    }

    init(_ scalar: Node.Scalar) {
        // `.any` is the style of a scalar the parser did not write (the empty document's stand-in).
        self.init(text: scalar.string, isPlain: scalar.style == .plain || scalar.style == .any)
    }

    /// Yams' null forms. Like Yams this ignores the style, so `""` and `"null"` are null too.
    var isNull: Bool {
        switch text {
        case "", "~", "null", "Null", "NULL": true
        default: false
        }
    }

    /// true/yes/on and false/no/off in any case, quoted or not (Yams does not look at the style).
    var bool: Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }

    /// A signed integer read through `Int64` as Yams does, then narrowed exactly.
    func signed<Integer: FixedWidthInteger & SignedInteger>(_: Integer.Type) -> Integer? {
        integer(Int64.self).flatMap { Integer(exactly: $0) }
    }

    /// An unsigned integer read through `UInt64` as Yams does, then narrowed exactly.
    func unsigned<Integer: FixedWidthInteger & UnsignedInteger>(_: Integer.Type) -> Integer? {
        integer(UInt64.self).flatMap { Integer(exactly: $0) }
    }

    /// Yams' integer rule: underscores dropped, an optional sign, then `0x`, `0b`, `0o`
    /// or a bare leading `0` (octal) picks the radix; `a:b:c` is base 60.
    private func integer<Integer: FixedWidthInteger>(_: Integer.Type) -> Integer? {
        guard isPlain else { return nil }
        let withSign = withoutUnderscores
        if withSign == "0" { return 0 }
        let negative = withSign.hasPrefix("-")
        guard Integer.isSigned || !negative else { return nil }
        let hasSign = negative || withSign.hasPrefix("+")
        let digits = withSign.dropFirst(hasSign ? 1 : 0)
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where digits.hasPrefix(prefix) {
            return Integer((negative ? "-" : "") + digits.dropFirst(prefix.count), radix: radix)
        }
        if digits.contains(":") {
            return Self.sexagesimal(withSign, digit: { Integer($0, radix: 10) }, times: { lhs, rhs in
                let product = lhs.multipliedReportingOverflow(by: rhs)
                return product.overflow ? nil : product.partialValue
            }, plus: { lhs, rhs in
                let sum = lhs.addingReportingOverflow(rhs)
                return sum.overflow ? nil : sum.partialValue
            }, negate: { value in
                let difference = Integer.zero.subtractingReportingOverflow(value)
                return difference.overflow ? nil : difference.partialValue
            })
        }
        return Integer(withSign)
    }

    /// Yams' floating-point rule: the `.inf`/`.nan` spellings, else underscores dropped
    /// and Swift's own parsing, with `a:b:c.d` as base 60.
    func floatingPoint<Number: BinaryFloatingPoint & LosslessStringConvertible>(_: Number.Type) -> Number? {
        guard isPlain else { return nil }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default:
            let number = withoutUnderscores
            if number.contains(":") {
                return Self.sexagesimal(
                    number, digit: { Number($0) }, times: { $0 * $1 }, plus: { $0 + $1 }, negate: { -$0 })
            }
            return Number(number)
        }
    }

    private var withoutUnderscores: String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "_" }))
    }

    /// Base 60 as Yams reads it: one optional sign, `:`-separated parts, parts that do
    /// not parse are skipped, the last part counts ones. `nil` only on overflow.
    private static func sexagesimal<Number: Numeric>(
        _ text: String, digit: (String) -> Number?,
        times: (Number, Number) -> Number?, plus: (Number, Number) -> Number?, negate: (Number) -> Number?
    ) -> Number? {
        var unsigned = Substring(text)
        let negative = unsigned.hasPrefix("-")
        if negative {
            unsigned = unsigned.dropFirst()
        } else if unsigned.hasPrefix("+") {
            unsigned = unsigned.dropFirst()
        }
        let parts = unsigned.split(separator: ":", omittingEmptySubsequences: false).compactMap { digit(String($0)) }
        var value: Number = 0
        var base: Number = 1
        for (index, part) in parts.reversed().enumerated() {
            if index > 0 {
                guard let next = times(base, 60) else { return nil }
                base = next
            }
            guard let scaled = times(part, base), let sum = plus(value, scaled) else { return nil }
            value = sum
        }
        return negative ? negate(value) : value
    }
}
