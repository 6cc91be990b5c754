import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What became of one request: the bridge's status and body, or no answer at all
/// (connection reset or refused, timeout). Without an answer the change may or may
/// not have been applied.
enum CrashSafetyAnswer: Sendable {
    case answered(status: Int, body: Data)
    case unanswered(reason: String)

    var status: Int? {
        if case let .answered(status, _) = self { status } else { nil }
    }

    /// The body decoded as `Body` when the bridge answered 2xx.
    func acknowledged<Body: Decodable>(_ type: Body.Type) -> Body? {
        guard case let .answered(status, body) = self, (200..<300).contains(status) else { return nil }
        return try? JSONDecoder().decode(Body.self, from: body)
    }
}

/// Real HTTP over loopback to one running bridge, every request bounded by a
/// timeout so that a killed bridge never hangs the test.
struct CrashSafetyClient: Sendable {
    let port: Int
    let apiKey: String
    /// Sent as `X-Session-Token` on admin requests.
    let adminToken: String?
    let session: URLSession

    init(port: Int, apiKey: String, adminToken: String?) {
        self.port = port
        self.apiKey = apiKey
        self.adminToken = adminToken
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 5
        configuration.httpMaximumConnectionsPerHost = 8
        session = URLSession(configuration: configuration)
    }

    /// Sends one request with the API key (or the admin token when `admin`).
    func send(
        _ method: String, _ path: String, json: String? = nil, admin: Bool = false,
        basic: (user: String, password: String)? = nil
    ) async -> CrashSafetyAnswer {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else {
            return .unanswered(reason: "bad path \(path)")
        }
        var request = URLRequest(url: url, timeoutInterval: 5)
        request.httpMethod = method
        if let basic {
            let credentials = Data("\(basic.user):\(basic.password)".utf8).base64EncodedString()
            request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        } else if admin, let adminToken {
            request.setValue(adminToken, forHTTPHeaderField: "X-Session-Token")
        } else {
            request.setValue(apiKey, forHTTPHeaderField: "X-API-Key")
        }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { return .unanswered(reason: "not HTTP") }
            return .answered(status: http.statusCode, body: data)
        } catch {
            return .unanswered(reason: "\(error)")
        }
    }

    /// Ends the session once its requests are done.
    func close() { session.finishTasksAndInvalidate() }
}

/// `TransactionResponse` fields the crash test follows.
struct CrashTransactionBody: Decodable, Sendable {
    var id: String
    var lockerId: Int64
    var status: String
    var reference: String?
}

/// `Locker` fields the crash test follows.
struct CrashLockerBody: Decodable, Sendable {
    var id: Int64
    var outOfService: Bool
    var reasonCode: String?
    var reason: String?
    var transactionId: String?
}

struct CrashLockerList: Decodable, Sendable { var lockers: [CrashLockerBody] }
struct CrashTransactionPage: Decodable, Sendable { var transactions: [CrashTransactionBody]; var total: Int }
struct CrashHealth: Decodable, Sendable { var controllersOnline: Int }
struct CrashLogin: Decodable, Sendable { var token: String }
