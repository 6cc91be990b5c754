import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One answer to `POST /lockers/{id}/open`.
struct OpenAnswer: Sendable {
    var lockerId: Int
    /// HTTP status; 0 when no answer came at all (connection failed, client timeout).
    var status: Int
    /// The Error body's `code` on a failure.
    var code: String?
    /// The Error body's `details.outcome` on a failure.
    var outcome: String?
    var elapsed: Duration
}

/// Opens fired at once over real HTTP, on a session that allows one connection
/// per request so the gateway, not the client, decides what waits.
enum OpenVolley {
    static func fire(at bridge: BridgeProcess, lockerIds: [Int]) async -> [OpenAnswer] {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(lockerIds.count, 1)
        configuration.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        return await withTaskGroup(of: OpenAnswer.self) { group in
            for lockerId in lockerIds {
                group.addTask { await open(lockerId, at: bridge, on: session) }
            }
            var answers: [OpenAnswer] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
    }

    /// One open with the API key, timed from send to answer.
    static func open(_ lockerId: Int, at bridge: BridgeProcess, on session: URLSession = .shared) async -> OpenAnswer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(bridge.port)/lockers/\(lockerId)/open")!)
        request.httpMethod = "POST"
        request.setValue(bridge.apiKey, forHTTPHeaderField: "X-API-Key")
        let started = ContinuousClock.now
        guard let (data, response) = try? await session.data(for: request) else {
            return OpenAnswer(lockerId: lockerId, status: 0, elapsed: started.duration(to: .now))
        }
        let elapsed = started.duration(to: .now)
        let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        let details = body["details"] as? [String: Any]
        return OpenAnswer(
            lockerId: lockerId, status: (response as? HTTPURLResponse)?.statusCode ?? 0,
            code: body["code"] as? String, outcome: details?["outcome"] as? String, elapsed: elapsed)
    }
}
