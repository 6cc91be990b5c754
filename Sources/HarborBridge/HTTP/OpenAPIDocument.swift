/// The OpenAPI document of both APIs, served at `GET /openapi.yaml`. Its `text`
/// is generated from `openapi/harbor-gateway.yaml` by `scripts/embed-openapi`; a
/// test fails when the two differ.
public enum OpenAPIDocument {
    /// The media type the document is served as.
    public static let mediaType = "application/yaml"
}
