import Glibc

/// One browse on its own thread: sends the PTR query on every interface at the
/// scheduled offsets, follows up on missing SRV, TXT and A records as soon as an
/// answer leaves them out, and collects every response until the deadline.
struct MDNSBrowseLoop {
    /// Sends the queries and hears legacy unicast replies (RFC 6762 §6.7).
    let querySocket: MDNSSocket
    /// Bound to 5353 and joined to the group, to hear multicast responses; nil when
    /// the port could not be shared or the endpoint is a unicast test endpoint.
    let listenSocket: MDNSSocket?
    let interfaces: [MulticastInterface]
    let endpoint: MDNSEndpoint
    let queryID: UInt16
    let serviceType: String
    let domain: String
    var cache: MDNSBrowseCache
    private var askedAt: [DNSQuestion: ContinuousClock.Instant] = [:]
    private let clock = ContinuousClock()

    init(querySocket: MDNSSocket, listenSocket: MDNSSocket?, interfaces: [MulticastInterface], endpoint: MDNSEndpoint,
         queryID: UInt16, serviceType: String, domain: String, serviceName: DNSName) {
        self.querySocket = querySocket
        self.listenSocket = listenSocket
        self.interfaces = interfaces
        self.endpoint = endpoint
        self.queryID = queryID
        self.serviceType = serviceType
        self.domain = domain
        cache = MDNSBrowseCache(serviceName: serviceName)
    }

    /// Runs until `deadline` or a nudge of `wake`; fails only when the first query
    /// could not leave on any interface.
    mutating func run(queryOffsets: [Duration], deadline: ContinuousClock.Instant, wake: MDNSWake)
        -> Result<[DiscoveredService], DiscoveryError> {
        let start = clock.now
        var pending = queryOffsets.map { start + $0 }.filter { $0 < deadline }.sorted()
        var isFirstQuery = true
        while true {
            let now = clock.now
            guard now < deadline else { break }
            if let due = pending.first, due <= now {
                pending.removeFirst()
                let failure = sendQuery(cache.missingQuestions() + [ptrQuestion], at: now)
                if isFirstQuery, let failure { return .failure(failure) }
                isFirstQuery = false
                continue
            }
            var watched = [pollfd(fd: wake.reader, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: querySocket.fd, events: Int16(POLLIN), revents: 0)]
            if let listenSocket { watched.append(pollfd(fd: listenSocket.fd, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&watched, nfds_t(watched.count), pollMilliseconds(until: min(pending.first ?? deadline, deadline), now: now))
            if ready < 0, errno != EINTR { break }
            guard ready > 0 else { continue }
            if watched[0].revents != 0 { break }
            receiveAll(from: querySocket)
            if let listenSocket { receiveAll(from: listenSocket) }
        }
        return .success(cache.services(serviceType: serviceType, domain: domain))
    }

    private var ptrQuestion: DNSQuestion {
        DNSQuestion(name: cache.serviceName, type: .ptr)
    }

    /// Reads every waiting datagram, then asks for what the answers left out.
    private mutating func receiveAll(from socket: MDNSSocket) {
        var heard = false
        while let datagram = socket.receive() {
            // A packet that does not decode is someone else's problem: drop it.
            guard let message = try? DNSMessage(decoding: datagram.bytes) else { continue }
            cache.absorb(message, at: clock.now)
            heard = true
        }
        guard heard else { return }
        let now = clock.now
        let followUps = cache.missingQuestions().filter { question in
            askedAt[question].map { $0.duration(to: now) >= .seconds(1) } ?? true
        }
        if !followUps.isEmpty { _ = sendQuery(followUps, at: now) }
    }

    /// Sends one query on every interface; the error when it left on none.
    private mutating func sendQuery(_ questions: [DNSQuestion], at now: ContinuousClock.Instant) -> DiscoveryError? {
        for question in questions { askedAt[question] = now }
        let bytes: [UInt8]
        do {
            bytes = try DNSMessage.query(questions, id: queryID).encoded()
        } catch {
            return .invalidService(error.description)
        }
        var lastFailure: DiscoveryError?
        var sentOnce = false
        for interface in interfaces {
            do {
                try querySocket.send(bytes, to: endpoint, via: interface.addresses.first)
                sentOnce = true
            } catch {
                lastFailure = error
            }
        }
        return sentOnce ? nil : lastFailure
    }
}
