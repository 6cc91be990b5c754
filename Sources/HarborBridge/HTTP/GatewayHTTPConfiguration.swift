/// Settings of the HTTP layer that are not part of the domain.
public struct GatewayHTTPConfiguration: Sendable, Equatable {
    /// 64 KiB: every request body of the API is a few hundred bytes at most.
    public static let defaultMaxBodyBytes = 64 * 1024

    /// Shown on the admin page.
    public var gatewayName: String
    /// Larger request bodies answer 400 `BAD_REQUEST` without being read further.
    public var maxBodyBytes: Int

    /// The defaults: the product name and 64 KiB bodies.
    public init(gatewayName: String = "Harbor Gateway", maxBodyBytes: Int = GatewayHTTPConfiguration.defaultMaxBodyBytes) {
        self.gatewayName = gatewayName
        self.maxBodyBytes = maxBodyBytes
    }
}
