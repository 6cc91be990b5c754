import Foundation
import Glibc
import Synchronization

/// A bare HTTP/1.1 client over a loopback socket that reads a response as it
/// streams in: the test frameworks' clients wait for a whole body, which an
/// event stream never finishes. Blocking reads run on a thread of their own.
final class EventStreamClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    /// Everything read so far (headers, chunk sizes and events, as sent).
    private let received = Mutex("")
    private let closed = Mutex(false)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Connects to `localhost`:`port` (where the live test server listens, on
    /// whichever loopback address the name gives first) and sends `GET path`.
    static func open(port: Int, path: String, headers: [String: String] = [:]) async throws -> EventStreamClient {
        let descriptor = try await onOwnThread { try connectToLocalhost(port: port) }
        var request = "GET \(path) HTTP/1.1\r\nHost: localhost:\(port)\r\nAccept: text/event-stream\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            Glibc.close(descriptor)
            throw Failure(description: "send: errno \(errno)")
        }
        return EventStreamClient(descriptor: descriptor)
    }

    /// A connected socket to the first address of `localhost` that accepts.
    private static func connectToLocalhost(port: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &found) == 0, let first = found else {
            throw Failure(description: "localhost does not resolve")
        }
        defer { freeaddrinfo(first) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if descriptor >= 0 {
                if connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return descriptor }
                Glibc.close(descriptor)
            }
            candidate = address.pointee.ai_next
        }
        throw Failure(description: "nothing accepts on localhost:\(port): errno \(errno)")
    }

    /// What was read so far.
    var text: String { received.withLock { $0 } }

    /// Reads until everything read so far contains `needle`, the server closes
    /// the connection, or `limit` passes; answers whether it was found.
    @discardableResult
    func read(untilContains needle: String, within limit: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        return try await Self.onOwnThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !text.contains(needle) {
                guard ContinuousClock.now < deadline else { return false }
                var watch = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&watch, 1, 50) >= 0 else { throw Failure(description: "poll: errno \(errno)") }
                guard watch.revents != 0 else { continue }
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count <= 0 { return text.contains(needle) }
                let chunk = String(decoding: buffer[..<count], as: UTF8.self)
                received.withLock { $0 += chunk }
            }
            return true
        }
    }

    /// Closes the connection as a browser tab that goes away does.
    func close() {
        let first = closed.withLock { wasClosed in
            defer { wasClosed = true }
            return !wasClosed
        }
        if first { Glibc.close(descriptor) }
    }

    deinit {
        close()
    }

    /// Runs blocking socket calls on a dedicated thread: the cooperative pool has
    /// two threads here, and the server under test needs them.
    static func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, any Error>, Never>) in
            let thread = Thread {
                continuation.resume(returning: Result { try body() })
            }
            thread.name = "event-stream-client"
            thread.start()
        }
        return try outcome.get()
    }
}
