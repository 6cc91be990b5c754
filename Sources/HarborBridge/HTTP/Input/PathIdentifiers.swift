/// Path ids as the document defines them. A malformed id is an id that does not
/// exist: it answers 404 with the resource's not-found code, never 400.
enum PathIdentifiers {
    /// A positive decimal integer without sign or leading zeros.
    static func lockerId(_ raw: String?) throws(APIError) -> Int64 {
        guard let raw, QueryReader.isCanonicalInteger(raw), !raw.hasPrefix("-"), let id = Int64(raw), id >= 1 else {
            throw APIError(.lockerNotFound, message: "Locker \(raw ?? "") does not exist")
        }
        return id
    }

    /// A lowercase UUID: 8-4-4-4-12 lowercase hex digits.
    static func transactionId(_ raw: String?) throws(APIError) -> String {
        guard let raw, isLowercaseUUID(raw) else {
            throw APIError(.transactionNotFound, message: "Transaction \(raw ?? "") does not exist")
        }
        return raw
    }

    static func isLowercaseUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                let isHexLetter = (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                guard isDigit || isHexLetter else { return false }
            }
        }
        return true
    }
}

extension PathIdentifiers {
    /// A positive decimal integer without sign or leading zeros.
    static func controllerId(_ raw: String?) throws(APIError) -> Int64 {
        guard let raw, QueryReader.isCanonicalInteger(raw), !raw.hasPrefix("-"), let id = Int64(raw), id >= 1 else {
            throw APIError(.controllerNotFound, message: "Controller \(raw ?? "") does not exist")
        }
        return id
    }
}
