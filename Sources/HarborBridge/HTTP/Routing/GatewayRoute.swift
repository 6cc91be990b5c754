import Hummingbird

/// The operations of both APIs (public and admin), named by their `operationId`
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
    case login
    case logout
    case changeAdminPassword
    case listControllers
    case createController
    case scanControllers
    case getController
    case updateController
    case deleteController
    case replaceController
    case adjustLockerCount
    case updateLockerServiceState
    case refreshNetwork
    case rebootSystem
    case testSentry
    case getMetrics
    case streamEvents
}

/// One row of the route table: the single list that registers the routes, tells
/// 404 from 405, and that the tests compare with the document.
public struct GatewayRoute: Sendable, Equatable {
    /// Whether the route needs credentials.
    public enum Access: Sendable, Equatable {
        /// `security: []` in the document.
        case anonymous
        /// A public operation: the API key, an admin session token or admin Basic credentials.
        case authenticated
        /// An admin operation: an admin session token or admin Basic credentials.
        case admin
        /// `POST /auth/login`: admin Basic credentials only, checked by the handler
        /// because they are what the session is opened with.
        case adminBasic
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

    /// The template's segments; `nil` stands for a `{parameter}`.
    var segments: [Substring?] {
        path.split(separator: "/").map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : $0 }
    }

    /// How many of `segments` are literal (the more, the better a match).
    var literalCount: Int {
        segments.count { $0 != nil }
    }

    /// Every route of both APIs; a path may carry a public and an admin method
    /// (`GET` and `PATCH /lockers/{lockerId}`).
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
        GatewayRoute(.login, .post, "/auth/login", .adminBasic),
        GatewayRoute(.logout, .post, "/auth/logout", .admin),
        GatewayRoute(.changeAdminPassword, .post, "/auth/password", .admin),
        GatewayRoute(.listControllers, .get, "/controllers", .admin),
        GatewayRoute(.createController, .post, "/controllers", .admin),
        GatewayRoute(.scanControllers, .post, "/controllers/scan", .admin),
        GatewayRoute(.getController, .get, "/controllers/{controllerId}", .admin),
        GatewayRoute(.updateController, .patch, "/controllers/{controllerId}", .admin),
        GatewayRoute(.deleteController, .delete, "/controllers/{controllerId}", .admin),
        GatewayRoute(.replaceController, .post, "/controllers/{controllerId}/replace", .admin),
        GatewayRoute(.adjustLockerCount, .post, "/controllers/{controllerId}/locker-count", .admin),
        GatewayRoute(.updateLockerServiceState, .patch, "/lockers/{lockerId}", .admin),
        GatewayRoute(.refreshNetwork, .post, "/system/network/refresh", .admin),
        GatewayRoute(.rebootSystem, .post, "/system/reboot", .admin),
        GatewayRoute(.testSentry, .post, "/diagnostics/sentry-test", .admin),
        // Appended last so that the rows above keep their positions.
        GatewayRoute(.getMetrics, .get, "/metrics", .authenticated),
        GatewayRoute(.streamEvents, .get, "/events", .authenticated),
    ]

    /// The rows of the public API alone (`x-harbor-api: public`).
    public static let publicTable: [GatewayRoute] = table.filter { !$0.isAdmin }

    /// Belongs to the Admin API (`x-harbor-api: admin`).
    public var isAdmin: Bool {
        access == .admin || access == .adminBasic
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
        // Only requests the router could not dispatch come here (the 404 and 405 answers).
        let parts = path.split(separator: "/")
        var best = -1
        var chosen: GatewayRoute?
        var allowed: [HTTPRequest.Method] = []
        for route in routes where route.fits(parts) {
            let literalCount = route.literalCount
            if literalCount > best {
                best = literalCount
                chosen = nil
                allowed.removeAll()
            }
            guard literalCount == best else { continue }
            if chosen == nil, route.method == method { chosen = route }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if let chosen {
            self = .route(chosen)
        } else if best >= 0 {
            self = .methodNotAllowed(allowed: allowed)
        } else {
            self = .unknownPath
        }
    }
}

extension GatewayRoute {
    /// Whether the template's segments fit the path's (a parameter fits any).
    fileprivate func fits(_ parts: [Substring]) -> Bool {
        segments.count == parts.count
            && zip(segments, parts).allSatisfy { segment, part in segment.map { $0 == part } ?? true }
    }
}
