import Foundation
@testable import HarborBridge
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /admin` serves the whole interface (page, style sheet, scripts) from the
/// binary as one document, under a policy that runs exactly those and loads
/// nothing from elsewhere.
@Suite struct AdminPageTests {
    /// The text between the first `open` and the next `close`.
    static func between(_ open: String, _ close: String, in text: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func thePageComesWithItsStylesScriptsAndPolicy() async throws {
        let harness = GatewayHarness()
        try await harness.run { client in
            let response = try await client.send(.get, "/admin", apiKey: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
            let html = response.text
            let style = try #require(Self.between("<style>", "</style>", in: html))
            let script = try #require(Self.between("<script>", "</script>", in: html))
            #expect(style == AdminAssets.styles && style.contains(".locker"))
            #expect(script == AdminAssets.scripts && script.contains("new EventSource("))
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("script-src '\(AdminPage.hashSource(script))'"))
            #expect(policy.contains("style-src '\(AdminPage.hashSource(style))'"))
            #expect(policy.contains("connect-src 'self'"))
        }
        #expect(harness.operations.calls.isEmpty)
    }

    @Test func everyScriptFileIsInThePageInOrder() {
        // Each of the nine files opens with strict mode and a line on its purpose.
        #expect(Self.count("'use strict';\n// ", in: AdminAssets.scripts) == 9)
        let markers = ["function api(", "function openDialog(", "function openLockerDialog(", "function connectEvents(",
                       "function loadTransactions(", "function controllerForm(", "function loadControllers(",
                       "function loadSystem(", "function showSection("]
        let positions = markers.compactMap { AdminAssets.scripts.range(of: $0)?.lowerBound }
        #expect(positions.count == markers.count)
        #expect(positions == positions.sorted())
    }

    @Test func thePageLoadsNothingFromElsewhere() {
        let html = AdminPage.html(gatewayName: "Harbor Gateway")
        for outside in ["http://", "https://", "//cdn", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(outside), "\(outside)")
        }
        #expect(Self.count("<script", in: html) == 1 && Self.count("<style", in: html) == 1)
        #expect(html.contains(#"<a href="/openapi.yaml">"#))
    }

    @Test func noEmbeddedFileCanEndItsElementEarly() {
        #expect(!AdminAssets.scripts.lowercased().contains("</script"))
        #expect(!AdminAssets.scripts.contains("<!--"))
        #expect(!AdminAssets.styles.lowercased().contains("</style"))
        // Inline handlers would need 'unsafe-inline', which the policy does not grant.
        #expect(!AdminAssets.template.contains(" onclick="))
        #expect(!AdminAssets.template.contains(" style="))
    }

    /// Catches a renamed element that a script still looks up by its old id.
    @Test func everyElementTheScriptsLookUpByIdExists() throws {
        let lookup = try Regex(#"\$\('([a-z0-9-]+)'\)"#)
        let looked = Set(AdminAssets.scripts.matches(of: lookup).compactMap { $0.output[1].substring.map(String.init) })
        let declared = try Regex(#"id(?:="|: ')([a-z0-9-]+)['"]"#)
        let ids = Set((AdminAssets.template + AdminAssets.scripts).matches(of: declared)
            .compactMap { $0.output[1].substring.map(String.init) })
        #expect(looked.count > 40)
        #expect(looked.subtracting(ids).isEmpty, "looked up but never declared: \(looked.subtracting(ids).sorted())")
    }

    @Test func theGatewayNameIsTextNeverMarkupOrAMarker() {
        let html = AdminPage.html(gatewayName: "Dock {{scripts}} <b>&")
        #expect(html.contains("<h1>Dock {{scripts}} &lt;b&gt;&amp;</h1>"))
        #expect(html.contains("<title>Dock {{scripts}} &lt;b&gt;&amp; · admin</title>"))
        #expect(Self.count("<script>", in: html) == 1)
        #expect(!html.contains("{{styles}}") && !html.contains("{{gatewayName}}"))
    }

    @Test func hashSourcesAreBase64SHA256() {
        #expect(AdminPage.hashSource("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    }
}
