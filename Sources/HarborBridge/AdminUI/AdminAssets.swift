/// The files of the admin web interface, embedded in the binary by SwiftPM
/// (`.embedInCode` in Package.swift): the page template, its style sheet and
/// its scripts. They are edited as ordinary files next to this one.
enum AdminAssets {
    /// `page.html`, with `{{gatewayName}}`, `{{styles}}` and `{{scripts}}` to fill in.
    static let template = text(PackageResources.page_html)

    /// `style.css`.
    static let styles = text(PackageResources.style_css)

    /// The scripts in the order they build on each other: API access and DOM
    /// helpers first, the sections next, start-up last.
    static let scripts = [
        PackageResources.api_js, PackageResources.view_js, PackageResources.lockers_js, PackageResources.events_js,
        PackageResources.transactions_js, PackageResources.controller_form_js, PackageResources.controllers_js,
        PackageResources.system_js, PackageResources.app_js,
    ].map(text).joined(separator: "\n")

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
