import Glibc
import HarborSystemd

/// The systemd side of the notify protocol, owned by a test: a datagram socket bound
/// to a fresh path or abstract name, read without blocking the cooperative pool.
final class NotifyReceiver {
    let fd: Int32
    /// The value to put in `NOTIFY_SOCKET`.
    let socketName: String
    private let path: String?

    init(abstract: Bool = false) throws(ReceiverError) {
        let tag = "harbor-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        socketName = abstract ? "@\(tag)" : "/tmp/\(tag).sock"
        path = abstract ? nil : socketName
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw ReceiverError(step: "socket", code: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(socketName.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw ReceiverError(step: "bind", code: code)
        }
    }

    /// The notifier a service would build with `NOTIFY_SOCKET` naming this socket.
    var notifier: SystemdNotifier { SystemdNotifier(environment: { [socketName] in $0 == "NOTIFY_SOCKET" ? socketName : nil }) }

    /// The next datagram, or nil when none came within `limit`.
    func next(within limit: Duration = .seconds(5)) async -> String? {
        let deadline = ContinuousClock.now + limit
        repeat {
            if let message = receive() { return message }
            try? await Task.sleep(for: .milliseconds(10))
        } while ContinuousClock.now < deadline
        return nil
    }

    /// Every datagram waiting right now.
    func drain() -> [String] {
        var messages: [String] = []
        while let message = receive() { messages.append(message) }
        return messages
    }

    private func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let got = recv(fd, &buffer, buffer.count, 0)
        guard got > 0 else { return nil }
        return String(decoding: buffer[0..<got], as: UTF8.self)
    }

    deinit {
        close(fd)
        if let path { unlink(path) }
    }
}

struct ReceiverError: Error {
    var step: String
    var code: Int32
}
