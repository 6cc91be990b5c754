import Foundation
import Glibc
import Synchronization
import Testing

/// `harbor-bridge` started the way systemd starts it (`NOTIFY_SOCKET`, `WATCHDOG_USEC`)
/// tells a socket the test owns READY=1, then watchdog pings, then STOPPING=1 on SIGTERM.
@Suite(.serialized) struct SystemdNotifyTests {
    @Test func tellsSystemdReadyThenWatchdogPingsThenStopping() async throws {
        let socket = try NotifySocket()
        let listening = Task { await offThePool { socket.collect(until: "STOPPING=1", deadline: .now + .seconds(60)) } }
        defer { listening.cancel() }
        let bridge = try await BridgeProcess(
            configuration: "simulate: true\nsettings:\n  statusPollIntervalMs: 200",
            apiKey: "e2e-key-0123456789abcdef",
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"])

        // READY=1, two pings after it, and a status that caught up with the boards coming online.
        let seen = try await socket.waitUntil(within: .seconds(20)) { lines in
            guard let ready = lines.firstIndex(of: "READY=1") else { return false }
            return lines[ready...].count { $0 == "WATCHDOG=1" } >= 2
                && lines[ready...].contains { $0.hasPrefix("STATUS=") && $0.contains("2/2 controllers online") }
        }
        // READY=1 and its STATUS line travel in one datagram.
        let readyAt = try #require(seen.firstIndex(of: "READY=1"))
        #expect((seen.dropFirst(readyAt + 1).first ?? "").hasPrefix("STATUS=serving 32 lockers on 127.0.0.1:\(bridge.port); "))

        #expect(try await bridge.terminate() == 0)
        let lines = await listening.value
        let ready = try #require(lines.firstIndex(of: "READY=1"))
        let pings = lines.indices.filter { lines[$0] == "WATCHDOG=1" }
        let stopping = try #require(lines.firstIndex(of: "STOPPING=1"))
        #expect(pings.allSatisfy { $0 > ready }, "no ping before READY=1: systemd arms the watchdog there")
        #expect(pings.filter { $0 < stopping }.count >= 2)
        #expect(stopping > ready)
        #expect(lines.count { $0 == "READY=1" } == 1)
        #expect(lines.count { $0 == "STOPPING=1" } == 1)
    }
}

/// A datagram socket bound to a fresh path, playing systemd's notify socket. Every
/// datagram is split into its `KEY=value` lines, kept in arrival order.
final class NotifySocket: Sendable {
    let path: String
    let fd: Int32
    private let lines = Mutex<[String]>([])

    init() throws {
        path = "/tmp/harbor-e2e-notify-\(UUID().uuidString.prefix(8)).sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, bound == 0 else { throw BridgeStartError(output: "cannot bind \(path): errno \(errno)") }
    }

    /// Reads datagrams until one holds `marker` or the deadline passes. Blocks the
    /// calling thread in poll(2): call it through `offThePool`.
    func collect(until marker: String, deadline: ContinuousClock.Instant) -> [String] {
        while ContinuousClock.now < deadline, !lines.withLock({ $0.contains(marker) }) {
            var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&watch, 1, 50) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let got = recv(fd, &buffer, buffer.count, 0)
            guard got > 0 else { continue }
            let received = String(decoding: buffer[0..<got], as: UTF8.self).split(separator: "\n").map(String.init)
            lines.withLock { $0.append(contentsOf: received) }
        }
        return lines.withLock { $0 }
    }

    /// The lines so far, once `condition` holds for them.
    func waitUntil(within limit: Duration, _ condition: ([String]) -> Bool) async throws -> [String] {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let now = lines.withLock { $0 }
            if condition(now) { return now }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BridgeStartError(output: "notify socket got only \(lines.withLock { $0 })")
    }

    deinit {
        close(fd)
        unlink(path)
    }
}
