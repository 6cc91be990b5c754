import Synchronization
import Testing
@testable import HarborDrivers

/// Test frames of a made-up board protocol: `HEAD ADDR LOCK FUNC BCC` with BCC the
/// XOR of the four bytes before it. The real codecs live elsewhere.
enum XorTestFrame {
    static let request: UInt8 = 0xA5
    static let reply: UInt8 = 0x5A

    static func make(_ head: UInt8, address: UInt8, lock: UInt8, function: UInt8) -> [UInt8] {
        let body = [head, address, lock, function]
        return body + [body.reduce(0, ^)]
    }

    static func requestFrame(address: UInt8, lock: UInt8 = 1) -> [UInt8] {
        make(request, address: address, lock: lock, function: 0x11)
    }

    static func replyFrame(address: UInt8, lock: UInt8 = 1, status: UInt8 = 0x00) -> [UInt8] {
        make(reply, address: address, lock: lock, function: status)
    }

    /// A reply scanner: noise unless the bytes start with the reply header (and,
    /// when given, the address and lock asked); corrupt on a bad BCC.
    static func scanner(address: UInt8?, lock: UInt8? = nil) -> @Sendable (ArraySlice<UInt8>) -> FrameScan {
        { slice in
            let bytes = Array(slice)
            guard bytes[0] == reply else { return .noise }
            if bytes.count >= 2, let address, bytes[1] != address { return .noise }
            if bytes.count >= 3, let lock, bytes[2] != lock { return .noise }
            guard bytes.count >= 5 else { return .needMore }
            return bytes[0..<4].reduce(0, ^) == bytes[4] ? .complete(length: 5) : .corrupt(length: 5)
        }
    }

    static func busRequest(
        address: UInt8, lock: UInt8 = 1, reply: BusRequest.ReplyExpectation = .required,
        timeout: Duration = .seconds(1), scanAddress: Bool = true
    ) -> BusRequest {
        BusRequest(
            frame: requestFrame(address: address, lock: lock), reply: reply, timeout: timeout,
            isUnlock: true, label: "open \(address)/\(lock)",
            scanReply: scanner(address: scanAddress ? address : nil, lock: scanAddress ? lock : nil))
    }
}

/// One chunk a scripted board sends after a pause.
struct BoardChunk: Sendable {
    var after: Duration
    var bytes: [UInt8]
}

/// The device end of an in-memory line, answering request frames as a script says
/// and recording what it saw.
final class ScriptedLockBoard: Sendable {
    struct Log {
        var frames: [[UInt8]] = []
        var arrivals: [ContinuousClock.Instant] = []
        /// Times bytes of a next request arrived before the board answered the last one.
        var interleavings = 0
    }

    let device: InMemoryTransport
    private let script: @Sendable ([UInt8]) -> [BoardChunk]
    private let log = Mutex(Log())
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(device: InMemoryTransport, script: @escaping @Sendable ([UInt8]) -> [BoardChunk]) {
        self.device = device
        self.script = script
    }

    /// A board answering every request at once with status 00 for the asked lock.
    static func prompt(device: InMemoryTransport) -> ScriptedLockBoard {
        ScriptedLockBoard(device: device) { frame in
            [BoardChunk(after: .zero, bytes: XorTestFrame.replyFrame(address: frame[1], lock: frame[2]))]
        }
    }

    var frames: [[UInt8]] { log.withLock { $0.frames } }
    var arrivals: [ContinuousClock.Instant] { log.withLock { $0.arrivals } }
    var interleavings: Int { log.withLock { $0.interleavings } }

    func start() async throws {
        try await device.open()
        let loop = Task { await self.serve() }
        task.withLock { $0 = loop }
    }

    func stop() async {
        task.withLock { $0 }?.cancel()
        await device.close()
    }

    private func serve() async {
        var pending: [UInt8] = []
        while !Task.isCancelled {
            guard let arrived = try? await device.read(until: .now + .seconds(30)) else { return }
            pending += arrived
            while pending.count >= 5 {
                let frame = Array(pending.prefix(5))
                pending.removeFirst(5)
                log.withLock { log in
                    log.frames.append(frame)
                    log.arrivals.append(.now)
                    if !pending.isEmpty { log.interleavings += 1 }
                }
                for chunk in script(frame) {
                    if chunk.after > .zero { try? await Task.sleep(for: chunk.after) }
                    let early = (try? await device.read(until: .now)) ?? []
                    if !early.isEmpty {
                        log.withLock { $0.interleavings += 1 }
                        pending += early
                    }
                    try? await device.write(chunk.bytes)
                }
            }
        }
    }
}

/// The outcome of a bus call, kept for later checks.
func busOutcome(_ body: @Sendable () async throws(BusError) -> [UInt8]?) async -> Result<[UInt8]?, BusError> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
