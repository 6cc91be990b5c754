/// The page served at `GET /admin` until the admin UI lands: it names the
/// gateway, says that the admin interface lives at this address, and links the
/// API document. Static, so it needs no credentials and no script.
enum AdminPage {
    static func html(gatewayName: String) -> String {
        let name = escape(gatewayName)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(name) · admin</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1d2a33; }
            h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
            p.role { color: #5b6b75; margin-top: 0; }
            code { background: #eef2f4; padding: 0.1rem 0.3rem; border-radius: 3px; }
            </style>
            </head>
            <body>
            <h1>\(name)</h1>
            <p class="role">Harbor Gateway smart-locker cabinet</p>
            <p>This address serves the gateway's web admin interface: controllers, locker
            service state, network and reboot are managed from here once you sign in with
            the admin account.</p>
            <p>The HTTP API of this gateway is described in its OpenAPI document:
            <a href="/openapi.yaml">/openapi.yaml</a>. Operators and kiosks call it with the
            <code>X-API-Key</code> header; <a href="/health">/health</a> needs no credentials.</p>
            </body>
            </html>

            """
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
