import Synchronization

/// Slows down password guessing, per client (the peer's IP address).
///
/// Every attempt counts as a failure until it succeeds, so parallel guesses cannot
/// all slip in before the first verdict. After `maxFailures` failures within
/// `window`, the client is refused for `firstBackoff`, doubling with each further
/// failure up to `maxBackoff`. A success forgets the client; so does a client that
/// stays quiet for `forgetAfter` once its block ended. At most `capacity` clients
/// are tracked: beyond that, idle ones go first, then the longest quiet.
public final class LoginThrottle: Sendable {
    /// The limits.
    public struct Policy: Sendable, Equatable {
        /// Failures allowed within `window` before the first block.
        public var maxFailures: Int
        /// The span in which `maxFailures` failures start a block.
        public var window: Duration
        /// Length of the first block.
        public var firstBackoff: Duration
        /// Longest block.
        public var maxBackoff: Duration
        /// Quiet time after which a client starts afresh.
        public var forgetAfter: Duration
        /// Most clients tracked at once.
        public var capacity: Int

        /// 5 failures in 5 minutes, then 30 s doubling to 15 min; 4096 clients.
        public init(
            maxFailures: Int = 5, window: Duration = .seconds(300), firstBackoff: Duration = .seconds(30),
            maxBackoff: Duration = .seconds(900), forgetAfter: Duration = .seconds(900), capacity: Int = 4096
        ) {
            self.maxFailures = max(1, maxFailures)
            self.window = window
            self.firstBackoff = firstBackoff
            self.maxBackoff = maxBackoff
            self.forgetAfter = forgetAfter
            self.capacity = max(1, capacity)
        }
    }

    private struct Client {
        var failures: Int
        var windowStart: ContinuousClock.Instant
        var lastAttempt: ContinuousClock.Instant
        var blockedUntil: ContinuousClock.Instant?

        /// The instant from which the client counts as quiet.
        var quietSince: ContinuousClock.Instant {
            blockedUntil.map { max($0, lastAttempt) } ?? lastAttempt
        }
    }

    private let policy: Policy
    private let now: @Sendable () -> ContinuousClock.Instant
    private let clients = Mutex<[String: Client]>([:])

    /// A throttle with `policy`; `now` is injectable for tests.
    public init(
        policy: Policy = Policy(), now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.policy = policy
        self.now = now
    }

    /// Counts an attempt by `client`, or refuses it while the client is blocked.
    public func admit(_ client: String) throws(AuthFailure) {
        let now = now()
        let refusal: Int? = clients.withLock { clients in
            if let known = clients[client], now - known.quietSince >= policy.forgetAfter {
                clients[client] = nil
            }
            if clients[client] == nil {
                makeRoom(in: &clients, now: now)
            }
            var record = clients[client] ?? Client(failures: 0, windowStart: now, lastAttempt: now, blockedUntil: nil)
            if let until = record.blockedUntil, now < until {
                return Self.wholeSeconds(until - now)
            }
            if record.failures < policy.maxFailures, now - record.windowStart >= policy.window {
                record.failures = 0
                record.windowStart = now
            }
            record.failures += 1
            record.lastAttempt = now
            if record.failures >= policy.maxFailures {
                record.blockedUntil = now + backoff(afterFailures: record.failures)
            }
            clients[client] = record
            return nil
        }
        if let refusal { throw .throttled(retryAfterSeconds: refusal) }
    }

    /// The attempt succeeded: the client starts afresh.
    public func succeeded(_ client: String) {
        _ = clients.withLock { $0.removeValue(forKey: client) }
    }

    /// How many clients are tracked now.
    public var trackedClients: Int {
        clients.withLock { $0.count }
    }

    /// `firstBackoff` for the failure that reached `maxFailures`, doubling after, capped.
    private func backoff(afterFailures failures: Int) -> Duration {
        let doublings = min(failures - policy.maxFailures, 30)
        let length = policy.firstBackoff * (1 << doublings)
        return min(length, policy.maxBackoff)
    }

    /// Forgets quiet clients (only new clients get here, so the scan stays rare),
    /// then the longest quiet ones while the table is full.
    private func makeRoom(in clients: inout [String: Client], now: ContinuousClock.Instant) {
        clients = clients.filter { now - $0.value.quietSince < policy.forgetAfter }
        while clients.count >= policy.capacity,
              let oldest = clients.min(by: { $0.value.quietSince < $1.value.quietSince })?.key {
            clients.removeValue(forKey: oldest)
        }
    }

    /// Rounded up, at least 1: a client waiting that long is sure to be let in.
    static func wholeSeconds(_ duration: Duration) -> Int {
        let seconds = duration / .seconds(1)
        return max(1, Int(seconds.rounded(.up)))
    }
}
