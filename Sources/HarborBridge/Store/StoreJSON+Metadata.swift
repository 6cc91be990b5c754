extension StoreJSON {
    /// Log metadata (a flat string map) as a JSON object with sorted keys.
    ///
    /// Written by hand rather than through `JSONEncoder`: every audited open stores
    /// one such map, and building an encoder for four short strings cost more than
    /// the rest of the line. The output is plain RFC 8259 JSON that `decode` (and any
    /// JSON reader) reads back to the same map.
    static func encode(_ metadata: [String: String]?) -> String? {
        guard let metadata else { return nil }
        var text = "{"
        for (index, key) in metadata.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            appendQuoted(key, to: &text)
            text += ":"
            appendQuoted(metadata[key] ?? "", to: &text)
        }
        text += "}"
        return text
    }

    private static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        defer { text += "\"" }
        // Most values (ids, codes, names) need no escape: copied whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            text += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
    }
}
