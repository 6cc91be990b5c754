import Foundation
import Glibc

/// One plain HTTP/1.1 request over a blocking loopback socket, its answer read to
/// the end (`Connection: close`): the status and the body. Used to capture the
/// gateway's exact answer bytes and to time single requests without any client
/// library between the clock and the socket.
enum HTTPExchange {
    struct Answer {
        var status: Int
        var body: [UInt8]
    }

    /// Sends `method path` to 127.0.0.1:`port` and reads the whole answer (10 s limit).
    static func send(
        _ method: String, _ path: String, port: Int, headers: [String: String] = [:]
    ) throws -> Answer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchFailure("socket: errno \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7f00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw BenchFailure("connect to port \(port): errno \(errno)") }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        let length = method == "POST" ? "Content-Length: 0\r\n" : ""
        let request = Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)\(length)Connection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count
        else { throw BenchFailure("send to port \(port): errno \(errno)") }
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let got = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if got == 0 { break }
            guard got > 0 else { throw BenchFailure("\(method) \(path): no complete answer (errno \(errno))") }
            reply += chunk[..<got]
        }
        return try parse(reply, request: "\(method) \(path)")
    }

    /// Splits status line, headers and body; the body is the `Content-Length` bytes
    /// after the blank line (the gateway and the baseline always send one).
    static func parse(_ reply: [UInt8], request: String) throws -> Answer {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = reply.indices.first(where: { reply[$0...].starts(with: separator) }) else {
            throw BenchFailure("\(request): the answer has no header end")
        }
        let head = String(decoding: reply[..<end], as: UTF8.self)
        guard head.hasPrefix("HTTP/1."), let status = Int(head.dropFirst(9).prefix(3)) else {
            throw BenchFailure("\(request): not an HTTP answer")
        }
        var body = Array(reply[(end + 4)...])
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            if let count = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
               count <= body.count {
                body = Array(body.prefix(count))
            }
        }
        return Answer(status: status, body: body)
    }
}
