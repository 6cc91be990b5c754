import Hummingbird

/// The operations of the public Harbor Gateway API, named by their `operationId`
/// in `openapi/harbor-gateway.yaml`.
public enum GatewayOperationID: String, Sendable, CaseIterable {
    case getHealth
    case getAdminInterface
    case getOpenApiDocument
    case listTransactions
    case createTransaction
    case getTransaction
    case releaseTransaction
    case openLockerByTransaction
    case listLockers
    case openAllLockers
    case getLocker
    case openLocker
    case getSystem
    case updateSystemConfig
    case getSystemLogs
}

/// One row of the route table: the single list that registers the routes, tells
/// 404 from 405, and that the tests compare with the document.
public struct GatewayRoute: Sendable, Equatable {
    /// Whether the route needs credentials.
    public enum Access: Sendable, Equatable {
        /// `security: []` in the document.
        case anonymous
        /// An API key (or, later, an admin session or Basic credentials).
        case authenticated
    }

    /// The document's `operationId`.
    public let operation: GatewayOperationID
    /// The HTTP method.
    public let method: HTTPRequest.Method
    /// The document's path template, e.g. `/lockers/{lockerId}` (Hummingbird reads the same syntax).
    public let path: String
    /// Whether credentials are needed.
    public let access: Access

    /// A route table row.
    public init(_ operation: GatewayOperationID, _ method: HTTPRequest.Method, _ path: String, _ access: Access) {
        self.operation = operation
        self.method = method
        self.path = path
        self.access = access
    }

    /// Every route of the public API.
    public static let table: [GatewayRoute] = [
        GatewayRoute(.getHealth, .get, "/health", .anonymous),
        GatewayRoute(.getAdminInterface, .get, "/admin", .anonymous),
        GatewayRoute(.getOpenApiDocument, .get, "/openapi.yaml", .anonymous),
        GatewayRoute(.listTransactions, .get, "/transactions", .authenticated),
        GatewayRoute(.createTransaction, .post, "/transactions", .authenticated),
        GatewayRoute(.getTransaction, .get, "/transactions/{transactionId}", .authenticated),
        GatewayRoute(.releaseTransaction, .post, "/transactions/{transactionId}/release", .authenticated),
        GatewayRoute(.openLockerByTransaction, .post, "/transactions/{transactionId}/open", .authenticated),
        GatewayRoute(.listLockers, .get, "/lockers", .authenticated),
        GatewayRoute(.openAllLockers, .post, "/lockers/open-all", .authenticated),
        GatewayRoute(.getLocker, .get, "/lockers/{lockerId}", .authenticated),
        GatewayRoute(.openLocker, .post, "/lockers/{lockerId}/open", .authenticated),
        GatewayRoute(.getSystem, .get, "/system", .authenticated),
        GatewayRoute(.updateSystemConfig, .patch, "/system/config", .authenticated),
        GatewayRoute(.getSystemLogs, .get, "/system/logs", .authenticated),
    ]

    /// The template's segments; `nil` stands for a `{parameter}`.
    var segments: [Substring?] {
        path.split(separator: "/").map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : $0 }
    }
}

/// What the route table says about a request the router could not dispatch.
enum RouteResolution: Equatable {
    /// A route exists for this method and path.
    case route(GatewayRoute)
    /// The path exists, with other methods only.
    case methodNotAllowed(allowed: [HTTPRequest.Method])
    /// No route has this path.
    case unknownPath

    /// Matches the way OpenAPI does: among the templates that fit the path, the
    /// ones with the most literal segments win (`/lockers/open-all` over
    /// `/lockers/{lockerId}`); empty segments are ignored, as the router does.
    init(method: HTTPRequest.Method, path: String, routes: [GatewayRoute]) {
        let parts = path.split(separator: "/")
        let fitting = routes.filter { route in
            let segments = route.segments
            return segments.count == parts.count
                && zip(segments, parts).allSatisfy { segment, part in segment.map { $0 == part } ?? true }
        }
        let literalCount = { (route: GatewayRoute) in route.segments.count { $0 != nil } }
        guard let best = fitting.map(literalCount).max() else {
            self = .unknownPath
            return
        }
        let winners = fitting.filter { literalCount($0) == best }
        if let route = winners.first(where: { $0.method == method }) {
            self = .route(route)
        } else {
            var allowed: [HTTPRequest.Method] = []
            for route in winners where !allowed.contains(route.method) {
                allowed.append(route.method)
            }
            self = .methodNotAllowed(allowed: allowed)
        }
    }
}
