import Dispatch
import Glibc
import HarborDrivers

/// Lines for the operator and for tests that parse the simulator's output.
enum Console {
    /// Writes one line with a single unbuffered write(2), so lines from the loop
    /// thread and the main thread never interleave and a parent sees them at once.
    static func write(_ line: String, to fd: Int32) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// The start-up lines tests parse: one per endpoint, the mDNS advertisement, then ready.
    static func announce(_ endpoints: SimulatorEndpoints, boardCount: Int, advertised responder: MDNSResponder? = nil) {
        if let path = endpoints.pseudoTerminalPath {
            write("harbor-sim: pty \(path)" + (endpoints.linkPath.map { " -> \($0)" } ?? ""), to: STDOUT_FILENO)
        }
        if let host = endpoints.tcpHost, let port = endpoints.tcpPort {
            let shownHost = host.contains(":") ? "[\(host)]" : host
            write("harbor-sim: tcp \(shownHost):\(port)", to: STDOUT_FILENO)
        }
        if let responder {
            advertised(responder, listeningOn: endpoints.tcpHost)
        }
        write("harbor-sim: ready (\(boardCount) boards)", to: STDOUT_FILENO)
    }

    /// "harbor-sim: advertised NAME._harbor-lock._tcp.local on ADDR:PORT", and a
    /// warning when the announced addresses cannot reach the TCP listener.
    private static func advertised(_ responder: MDNSResponder, listeningOn host: String?) {
        let service = responder.advertisement
        let places = responder.advertisedAddresses.map { "\($0):\(service.port)" }.joined(separator: ", ")
        write("harbor-sim: advertised \(service.instanceName).\(service.serviceType).\(service.domain) on \(places)",
              to: STDOUT_FILENO)
        let wildcard = host == "0.0.0.0" || host == "::" || host == nil
        if !wildcard, let host, responder.advertisedAddresses.contains(where: { $0 != host }) {
            write("harbor-sim: warning: TCP listens on \(host) only; add --bind 0.0.0.0 so the advertised addresses answer",
                  to: STDERR_FILENO)
        }
    }
}

/// Turns SIGINT/SIGTERM into a call, so the simulator stops cleanly (removing its
/// link) instead of dying with the default handler.
final class SignalWatch {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], onSignal: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "harbor-sim.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: onSignal)
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
