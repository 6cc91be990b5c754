/// Hex formatting and parsing of frames for logs, tests and the bench tool.
public enum Hex {
    /// `0x8A` -> "8A".
    public static func byte(_ value: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4)], digits[Int(value & 0x0F)]])
    }

    /// `[0x8A, 0x01]` -> "8A 01".
    public static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map(byte).joined(separator: " ")
    }

    /// "8A 01 01 11 9B" (spaces optional) -> bytes; nil when it is not hex.
    public static func bytes(_ text: String) -> [UInt8]? {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let value = UInt8(digits[index..<next], radix: 16) else { return nil }
            result.append(value)
            index = next
        }
        return result
    }
}
