import Glibc

/// The few file-descriptor calls the simulator's poll loop needs, with errno kept.
enum PosixDescriptor {
    /// The outcome of one non-blocking read or write.
    enum Transfer: Equatable {
        /// This many bytes moved (at least one).
        case moved(Int)
        /// Nothing now (EAGAIN or EINTR): poll again.
        case wouldBlock
        /// The peer closed (a read of zero bytes).
        case endOfFile
        /// The descriptor failed with this errno.
        case failed(Int32)
    }

    /// Sets O_NONBLOCK and FD_CLOEXEC: the loop never blocks outside poll, and
    /// child processes do not inherit the simulator's endpoints.
    static func prepare(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { return false }
        let descriptorFlags = fcntl(fd, F_GETFD)
        return descriptorFlags >= 0 && fcntl(fd, F_SETFD, descriptorFlags | FD_CLOEXEC) == 0
    }

    /// Reads what is there, up to 4096 bytes.
    static func read(_ fd: Int32, into bytes: inout [UInt8]) -> Transfer {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
            bytes = Array(chunk[0..<count])
            return .moved(count)
        }
        if count == 0 { return .endOfFile }
        let error = errno
        return error == EAGAIN || error == EWOULDBLOCK || error == EINTR ? .wouldBlock : .failed(error)
    }

    /// Writes as much of `bytes` as the descriptor takes now. Sockets are written
    /// with MSG_NOSIGNAL so a client that hung up gives EPIPE, not a fatal SIGPIPE.
    static func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>, isSocket: Bool) -> Transfer {
        guard !bytes.isEmpty else { return .moved(0) }
        let count = bytes.withUnsafeBytes { raw in
            isSocket ? send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL)) : Glibc.write(fd, raw.baseAddress, raw.count)
        }
        if count >= 0 { return .moved(count) }
        let error = errno
        return error == EAGAIN || error == EWOULDBLOCK || error == EINTR ? .wouldBlock : .failed(error)
    }
}

/// A pipe the server writes one byte to so the poll loop wakes up and sees stop.
struct WakePipe: Sendable {
    let reader: Int32
    let writer: Int32

    static func make() throws(SimulatorServerError) -> WakePipe {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .system(operation: "pipe", errno: errno) }
        guard PosixDescriptor.prepare(ends[0]), PosixDescriptor.prepare(ends[1]) else {
            let code = errno
            _ = Glibc.close(ends[0])
            _ = Glibc.close(ends[1])
            throw .system(operation: "fcntl", errno: code)
        }
        return WakePipe(reader: ends[0], writer: ends[1])
    }

    /// Wakes the loop. A full pipe already holds a wake-up, so EAGAIN is fine.
    func nudge() {
        var byte: UInt8 = 1
        _ = Glibc.write(writer, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while Glibc.read(reader, &bytes, bytes.count) > 0 {}
    }

    func close() {
        _ = Glibc.close(reader)
        _ = Glibc.close(writer)
    }
}
