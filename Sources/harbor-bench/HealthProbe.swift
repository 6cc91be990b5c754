import Foundation
import Glibc

/// Plain HTTP/1.1 GETs over a blocking loopback socket: cheap enough to poll a
/// starting bridge every few milliseconds without loading the two cores it shares.
enum HealthProbe {
    /// The status code of `GET path` on 127.0.0.1:`port`, or `nil` when nothing
    /// listens yet or the answer is cut short.
    static func status(port: Int, path: String, headers: [String: String] = [:]) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)Connection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count
        else { return nil }
        // "HTTP/1.1 200" is all that is needed: 12 bytes.
        var reply = [UInt8](repeating: 0, count: 64)
        var received = 0
        while received < 12 {
            let got = reply.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, $0.count - received, 0) }
            guard got > 0 else { return nil }
            received += got
        }
        let statusLine = String(decoding: reply[..<received], as: UTF8.self)
        guard statusLine.hasPrefix("HTTP/1.") else { return nil }
        return Int(statusLine.dropFirst(9).prefix(3))
    }

    /// Starts `launch` and polls `GET /health` every `interval` until it answers 200;
    /// returns the child and the time from just before the spawn to that answer.
    /// Runs on a thread of its own so no task scheduling sits inside the figure.
    static func launchUntilHealthy(
        port: Int, interval: Duration = .milliseconds(5), limit: Duration = .seconds(30),
        launch: @escaping @Sendable () throws -> ChildProcess
    ) async throws -> (child: ChildProcess, elapsed: Duration) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try pollFromSpawn(port: port, interval: interval, limit: limit, launch: launch)
                })
            }
        }
    }

    private static func pollFromSpawn(
        port: Int, interval: Duration, limit: Duration, launch: () throws -> ChildProcess
    ) throws -> (child: ChildProcess, elapsed: Duration) {
        let clock = ContinuousClock()
        let started = clock.now
        let child = try launch()
        let pause = useconds_t(interval.milliseconds * 1000)
        while true {
            if status(port: port, path: "/health") == 200 { return (child, clock.now - started) }
            if let exit = child.exitStatus() {
                throw BenchFailure("harbor-bridge exited with status \(exit) before it was healthy:\n"
                                   + child.outputTail())
            }
            if clock.now - started > limit {
                child.stop()
                throw BenchFailure("harbor-bridge was not healthy within \(limit):\n" + child.outputTail())
            }
            usleep(pause)
        }
    }

    /// A port on 127.0.0.1 nothing listens on now: the kernel's pick for a socket bound to port 0.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchFailure("socket: errno \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw BenchFailure("cannot find a free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7f00_0001).bigEndian)
        return address
    }
}
