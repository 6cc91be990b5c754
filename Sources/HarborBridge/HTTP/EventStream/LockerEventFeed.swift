import Hummingbird
import ServiceLifecycle

/// `GET /events`: the broadcast's events as Server-Sent Events, for the admin
/// page's live locker grid.
///
/// Each response subscribes on its own. A heartbeat comment every `heartbeat`
/// keeps proxies from closing an idle stream and is how a vanished client is
/// noticed: its write fails and the subscription is released. A stream opened
/// with an admin session token ends once that session has (logout, expiry,
/// password change), checked at each heartbeat. A graceful shutdown ends every
/// stream at once, so the server can drain and stop.
public struct LockerEventFeed: Sendable {
    /// Where the events come from.
    public let broadcast: LockerEventBroadcast
    /// Time between heartbeat comments on a quiet stream.
    public var heartbeat: Duration

    /// A feed of `broadcast` with a heartbeat every `heartbeat` (15 s by default).
    public init(broadcast: LockerEventBroadcast = LockerEventBroadcast(), heartbeat: Duration = .seconds(15)) {
        self.broadcast = broadcast
        self.heartbeat = heartbeat
    }

    /// The streaming answer to `caller`. `sessions` checks the session a stream
    /// was opened with; nil (public-only router) checks nothing.
    func response(to request: Request, caller: Caller, sessions: SessionManager?) async -> Response {
        let watched = await Self.watchedSession(request, caller: caller, sessions: sessions)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // nginx and similar proxies would otherwise buffer the stream.
        if let buffering = HTTPFields.Element.Name("X-Accel-Buffering") { headers[buffering] = "no" }
        let subscription = broadcast.subscribe()
        let heartbeat = heartbeat
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { subscription.cancel() }
            try await writer.write(ByteBuffer(string: EventStreamFrame.opening))
            try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await Self.keepAlive(subscription, every: heartbeat, session: watched)
                    }
                    defer { group.cancelAll() }
                    while let delivery = await subscription.next() {
                        try await writer.write(ByteBuffer(string: EventStreamFrame.text(for: delivery)))
                    }
                }
            } onGracefulShutdown: {
                subscription.cancel()
            }
            try await writer.finish(nil)
        })
    }

    /// The session to watch: the one an admin's token names, when it is live.
    /// Basic credentials and the API key open streams with nothing to watch.
    private static func watchedSession(
        _ request: Request, caller: Caller, sessions: SessionManager?
    ) async -> (sessions: SessionManager, token: String)? {
        guard caller.isAdmin, let sessions, let token = AdminAuthenticator.eventStreamToken(request),
              await sessions.isLive(token: token)
        else { return nil }
        return (sessions, token)
    }

    /// Asks for a heartbeat every `interval`, and ends the subscription once the
    /// watched session has ended.
    private static func keepAlive(
        _ subscription: LockerEventSubscription, every interval: Duration,
        session: (sessions: SessionManager, token: String)?
    ) async throws {
        while true {
            try await Task.sleep(for: interval)
            if let session, await !session.sessions.isLive(token: session.token) {
                subscription.cancel()
                return
            }
            subscription.requestHeartbeat()
        }
    }
}
