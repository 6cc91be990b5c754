import Crypto
import Foundation

/// Admin session tokens: `hgs_` and 32 random bytes from the system CSPRNG in
/// base64url (256 bits). Only their SHA-256 digest is ever stored.
enum SessionToken {
    static let prefix = "hgs_"
    static let randomByteCount = 32
    /// Length of a token this gateway issues: the prefix and 43 base64url characters.
    static let length = prefix.count + 43

    /// A new token.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<randomByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64url = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64url
    }

    /// Could be a token this gateway issued; anything else is refused without a store lookup.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == length && token.hasPrefix(prefix)
    }

    /// Lowercase hex SHA-256 of the token, the key it is stored under.
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
