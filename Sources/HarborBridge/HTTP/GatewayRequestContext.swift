import Foundation
import Hummingbird

/// The request context of the gateway's router: Hummingbird's core storage, the
/// peer's address and the caller that authentication established (nil on
/// unauthenticated routes).
public struct GatewayRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// Set by the route wrapper once the credentials were checked.
    public var caller: Caller?
    /// The peer's IP address, the key failed logins are throttled by; `unknown`
    /// when the channel has none (in-process tests). Forwarding headers are not
    /// trusted: a client could pick a fresh value for every guess.
    public let clientAddress: String

    /// A context with no caller yet.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        caller = nil
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The API's shared JSON configuration, should anything decode through Hummingbird.
    public var requestDecoder: JSONDecoder { APICoding.makeDecoder() }
    /// The API's shared JSON configuration, should anything encode through Hummingbird.
    public var responseEncoder: JSONEncoder { APICoding.makeEncoder() }
    /// Hummingbird's own body decoding is not used (see `RequestBodyReader`); its limit stays at the default.
    public var maxUploadSize: Int { GatewayHTTPConfiguration.defaultMaxBodyBytes }
}
