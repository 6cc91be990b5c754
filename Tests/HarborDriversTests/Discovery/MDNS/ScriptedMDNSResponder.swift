import Foundation
import Glibc
import Synchronization
@testable import HarborDrivers

/// A hand-driven responder on a loopback UDP port for browser tests: it answers a
/// PTR question with garbage, a truncated packet and then a bare PTR (no
/// additional records), and answers SRV, TXT and A questions one by one, so the
/// browser has to skip bad packets and ask follow-up questions.
final class ScriptedMDNSResponder: Sendable {
    let port: UInt16
    private let socket: MDNSSocket
    private let stop = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private let heard = Mutex<[DNSQuestion]>([])
    let records: [DNSRecord]

    init(records: [DNSRecord]) throws {
        socket = try MDNSSocket.open(port: 0, sharingPort: false, address: .loopback)
        port = socket.localPort ?? 0
        self.records = records
        let thread = Thread { [self] in
            serve()
            socket.close()
            done.signal()
        }
        thread.start()
    }

    /// Every question it was asked, in order.
    var questions: [DNSQuestion] {
        heard.withLock { $0 }
    }

    /// Ends the serving thread and waits for it (at most one poll interval).
    func finish() {
        stop.store(true, ordering: .releasing)
        done.wait()
    }

    private func serve() {
        while !stop.load(ordering: .acquiring) {
            var watch = pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)
            guard poll(&watch, 1, 50) > 0 else { continue }
            while let datagram = socket.receive() {
                guard let query = try? DNSMessage(decoding: datagram.bytes), !query.isResponse else { continue }
                heard.withLock { $0 += query.questions }
                answer(query, to: MDNSEndpoint(address: datagram.source, port: datagram.sourcePort))
            }
        }
    }

    private func answer(_ query: DNSMessage, to querier: MDNSEndpoint) {
        var answers: [DNSRecord] = []
        for question in query.questions {
            answers += records.filter { $0.name == question.name && $0.type == question.type }
        }
        guard !answers.isEmpty else { return }
        let reply = DNSMessage(id: query.id, flags: 0x8400, questions: query.questions, answers: answers)
        guard let bytes = try? reply.encoded() else { return }
        if query.questions.contains(where: { $0.type == .ptr }) {
            try? socket.send([0xFF, 0x00, 0x13], to: querier, via: nil)
            try? socket.send(Array(bytes.dropLast(3)), to: querier, via: nil)
        }
        try? socket.send(bytes, to: querier, via: nil)
    }
}
