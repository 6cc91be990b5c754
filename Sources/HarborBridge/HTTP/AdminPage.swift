import Crypto
import Foundation
import Hummingbird
import Synchronization

/// `GET /admin`: the web admin interface as one self-contained HTML document,
/// its style sheet and scripts inlined from the embedded `AdminAssets`. The page
/// needs no credentials (it is the sign-in page); everything it shows comes from
/// the JSON API with the session token it obtains.
///
/// One document means one anonymous route, and lets the Content-Security-Policy
/// pin the exact style and script by their SHA-256: the browser runs nothing
/// else and loads nothing from anywhere but this gateway.
struct AdminPage: Sendable {
    /// The HTML document.
    let body: ByteBuffer
    /// The policy that allows exactly the inlined style and script.
    let contentSecurityPolicy: String

    /// The page naming `gatewayName`.
    init(gatewayName: String) {
        body = ByteBuffer(string: Self.html(gatewayName: gatewayName))
        contentSecurityPolicy = [
            "default-src 'none'",
            "script-src '\(Self.hashSource(AdminAssets.scripts))'",
            "style-src '\(Self.hashSource(AdminAssets.styles))'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    /// The answer: the page with its policy; `no-cache` so that a gateway update
    /// shows its new page at once.
    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        if let name = HTTPFields.Element.Name("X-Content-Type-Options") { headers[name] = "nosniff" }
        if let name = HTTPFields.Element.Name("Referrer-Policy") { headers[name] = "no-referrer" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The document: the template with the escaped gateway name, the style sheet
    /// and the scripts in place of its `{{…}}` markers. Inserted text is never
    /// scanned for markers again, so a gateway name cannot inject anything.
    static func html(gatewayName: String) -> String {
        let values = ["gatewayName": escape(gatewayName), "styles": AdminAssets.styles, "scripts": AdminAssets.scripts]
        var result = ""
        var rest = Substring(AdminAssets.template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = String(rest[open.upperBound..<close.lowerBound])
            result += rest[..<open.lowerBound]
            result += values[name] ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The CSP source expression of an inline element's exact text.
    static func hashSource(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    /// HTML-escapes text placed in element content.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// The admin page, made when it is first asked for: its HTML and policy hashes
/// are 60 KB of heap and code most starts never need.
final class AdminPageCache: Sendable {
    private let gatewayName: String
    private let page = Mutex<AdminPage?>(nil)

    init(gatewayName: String) {
        self.gatewayName = gatewayName
    }

    /// The page's answer, the page made first if no one asked for it before.
    func response() -> Response {
        page.withLock { page in
            if let page { return page.response() }
            let made = AdminPage(gatewayName: gatewayName)
            page = made
            return made.response()
        }
    }
}
