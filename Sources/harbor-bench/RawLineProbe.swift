import Foundation
import Glibc

/// The baseline: the same frames over the same pty with nothing but blocking POSIX
/// calls, no codec, no bus. What the gateway adds is measured against this.
enum RawLineProbe {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `frame` and reads `replyLength` bytes, `count` times, on a thread of its own.
    static func roundTrips(
        path: String, frame: [UInt8], replyLength: Int, count: Int
    ) async throws -> (samples: [Duration], wall: Duration) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try measure(path, frame, replyLength, count) })
            }
        }
    }

    private static func measure(
        _ path: String, _ frame: [UInt8], _ replyLength: Int, _ count: Int
    ) throws -> (samples: [Duration], wall: Duration) {
        let fd = open(path, O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw Failure(description: "open \(path): errno \(errno)") }
        defer { close(fd) }
        var settings = termios()
        tcgetattr(fd, &settings)
        cfmakeraw(&settings)
        tcsetattr(fd, TCSANOW, &settings)

        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        var reply = [UInt8](repeating: 0, count: 64)
        let started = clock.now
        for _ in 0..<count {
            let before = clock.now
            guard frame.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == frame.count else {
                throw Failure(description: "write: errno \(errno)")
            }
            var received = 0
            while received < replyLength {
                var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&watch, 1, 1000) > 0 else { throw Failure(description: "no reply within 1 s") }
                let got = reply.withUnsafeMutableBytes { read(fd, $0.baseAddress! + received, replyLength - received) }
                guard got > 0 else { throw Failure(description: "read: errno \(errno)") }
                received += got
            }
            samples.append(clock.now - before)
        }
        return (samples, clock.now - started)
    }
}
