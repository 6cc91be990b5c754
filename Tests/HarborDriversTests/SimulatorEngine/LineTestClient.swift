import Foundation
import Glibc

/// The host side of a simulated line in tests: plain POSIX, as a driver would use it.
enum LineTestClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What a read produced.
    enum ReadOutcome: Equatable {
        case bytes([UInt8])
        case endOfFile
        case failed(Int32)
    }

    /// Opens a serial device path (pty slave or link) raw, like a USB-RS485 adapter.
    static func openSerial(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "open \(path): errno \(errno)") }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw Failure(description: "tcgetattr: errno \(errno)") }
        cfmakeraw(&settings)
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else { throw Failure(description: "tcsetattr: errno \(errno)") }
        return fd
    }

    /// Connects to the simulator's TCP port on 127.0.0.1.
    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            _ = close(fd)
            throw Failure(description: "connect 127.0.0.1:\(port): errno \(errno)")
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure(description: "write: \(written), errno \(errno)") }
    }

    /// Reads until `count` bytes came, the deadline passed (what came so far), or the
    /// device ended or failed. The waiting happens off the cooperative pool.
    static func read(_ fd: Int32, count: Int, within limit: Duration = .seconds(1)) async -> ReadOutcome {
        let deadline = ContinuousClock.now + limit
        return await offThePool { readBlocking(fd, count: count, until: deadline) }
    }

    /// `read` on the calling thread, which it blocks in poll(2).
    private static func readBlocking(_ fd: Int32, count: Int, until deadline: ContinuousClock.Instant) -> ReadOutcome {
        var received: [UInt8] = []
        while received.count < count {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { break }
            var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            guard poll(&watch, 1, milliseconds) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 256)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, count - received.count)) }
            if got > 0 {
                received += chunk[0..<got]
            } else if got == 0 {
                return received.isEmpty ? .endOfFile : .bytes(received)
            } else if errno != EAGAIN && errno != EINTR {
                return received.isEmpty ? .failed(errno) : .bytes(received)
            }
        }
        return .bytes(received)
    }

    /// A fresh directory for links and logs.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-sim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
