import Glibc

/// The responder's thread: announces the instance, answers the queries that
/// match it, and says goodbye when woken to stop.
struct MDNSResponderLoop {
    let socket: MDNSSocket
    let interfaces: [MulticastInterface]
    /// Where announcements, multicast answers and goodbyes go.
    let group: MDNSEndpoint
    let records: MDNSServiceRecords
    private let clock = ContinuousClock()

    init(socket: MDNSSocket, interfaces: [MulticastInterface], group: MDNSEndpoint, records: MDNSServiceRecords) {
        self.socket = socket
        self.interfaces = interfaces
        self.group = group
        self.records = records
    }

    /// Serves until `wake` is nudged, then sends the goodbye.
    func run(announceOffsets: [Duration], wake: MDNSWake) {
        let start = clock.now
        var pending = announceOffsets.map { start + $0 }.sorted()
        while true {
            let now = clock.now
            if let due = pending.first, due <= now {
                pending.removeFirst()
                send(records.announcement)
                continue
            }
            var watched = [pollfd(fd: wake.reader, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)]
            let timeout = pending.first.map { pollMilliseconds(until: $0, now: now) } ?? -1
            let ready = poll(&watched, 2, timeout)
            if ready < 0, errno != EINTR { break }
            guard ready > 0 else { continue }
            if watched[0].revents != 0 { break }
            while let datagram = socket.receive() {
                answer(datagram)
            }
        }
        send(records.goodbye)
    }

    private func answer(_ datagram: MDNSDatagram) {
        guard let query = try? DNSMessage(decoding: datagram.bytes),
              let reply = records.reply(to: query, sourcePort: datagram.sourcePort) else { return }
        if reply.isUnicast {
            send(reply.message, to: MDNSEndpoint(address: datagram.source, port: datagram.sourcePort), via: nil)
        } else {
            send(reply.message)
        }
    }

    /// To the group on every interface. The interface a query came in on is not
    /// tracked (no IP_PKTINFO), so a multicast answer goes out on all of them.
    private func send(_ message: DNSMessage) {
        for interface in interfaces {
            send(message, to: group, via: interface.addresses.first)
        }
    }

    /// Best effort: a datagram that cannot leave now is like one lost on the wire,
    /// and the querier asks again.
    private func send(_ message: DNSMessage, to endpoint: MDNSEndpoint, via interface: IPv4Address?) {
        guard let bytes = try? message.encoded() else { return }
        try? socket.send(bytes, to: endpoint, via: interface)
    }
}
