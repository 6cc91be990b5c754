import Foundation
import Hummingbird

/// The admin credentials a request carries: `X-Session-Token` and HTTP Basic in
/// `Authorization`. A header given twice counts as absent, like the API key.
struct AdminCredentialHeaders {
    /// The header that carries a session token (canonical lowercase form).
    static let sessionTokenHeader = "x-session-token"

    /// User and password from `Authorization: Basic …`.
    struct Basic {
        let user: String
        let password: String
    }

    let sessionToken: String?
    let basic: Basic?

    init(_ request: Request) {
        sessionToken = Self.single(Self.sessionTokenHeader, in: request)
        basic = Self.single("authorization", in: request).flatMap(Self.parseBasic)
    }

    private static func single(_ name: String, in request: Request) -> String? {
        let values = request.headers.filter { $0.name.canonicalName == name }.map(\.value)
        return values.count == 1 ? values[0] : nil
    }

    /// RFC 7617: the scheme is case-insensitive, the user ends at the first colon
    /// and the password may contain colons.
    static func parseBasic(_ header: String) -> Basic? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: parts[1].trimmingCharacters(in: .whitespaces)),
              let text = String(data: decoded, encoding: .utf8),
              let colon = text.firstIndex(of: ":")
        else { return nil }
        return Basic(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }
}
