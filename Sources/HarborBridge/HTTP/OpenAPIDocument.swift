import NIOCore

/// The OpenAPI document of both APIs, served at `GET /openapi.yaml`:
/// `Sources/HarborBridge/OpenAPI/harbor-gateway.yaml` (also reached as
/// `openapi/harbor-gateway.yaml`), compiled into the binary as a SwiftPM resource.
public enum OpenAPIDocument {
    /// The media type the document is served as.
    public static let mediaType = "application/yaml"

    /// The document's text, byte for byte.
    public static var text: String { String(decoding: PackageResources.harbor_gateway_yaml, as: UTF8.self) }

    /// The answer body, made on the first request for it (a static is initialised
    /// on first use), not at every start.
    static let body = ByteBuffer(bytes: PackageResources.harbor_gateway_yaml)
}
