import Foundation
import Glibc
import Testing
@testable import HarborDrivers

/// Serialized: every case starts a harbor-sim, and nine debug executables starting
/// at once on 2 cores held the other tests' timers back by a few hundred ms.
@Suite(.serialized) struct HarborSimExecutableTests {
    let openLock1 = Hex.bytes("8A 01 01 11 9B") ?? []
    let doorOpenReply = Hex.bytes("8A 01 01 00 8A") ?? []

    @Test(arguments: [
        (["--board", "cu-xor:40"], "address 40 is outside cu-xor's range 1...31"),
        (["--board", "cu-sum:1"], "unknown board protocol 'cu-sum'"),
        (["--board", "kerong-cu16:0:20"], "20 channels is outside kerong-cu16's range 1...16"),
        (["--board", "cu-xor:1", "--board", "modbus-relay:1"], "two boards share address 1"),
        ([], "no board given"),
        (["--board", "cu-xor:1", "--noise-hex", "XYZ"], "--noise-hex 'XYZ' is not hex"),
        (["--board", "cu-xor:1", "--drop-every", "0"], "--drop-every must be 1 or more"),
    ])
    func refusesBadArgumentsWithTheReason(arguments: [String], reason: String) async throws {
        let simulator = try HarborSimProcess(arguments)
        let (status, stderr) = await simulator.finish()
        #expect(status != 0)
        #expect(stderr.contains(reason), "stderr: \(stderr)")
    }

    @Test func servesPtyAndTCPThenStopsOnSIGTERM() async throws {
        let directory = try LineTestClient.temporaryDirectory()
        let link = directory + "/ttyLOCKERS"
        let simulator = try HarborSimProcess([
            "--board", "cu-xor:1", "--board", "kerong-cu16:0", "--tcp-port", "0", "--link", link,
            "--frame-log", directory + "/frames.jsonl", "--quiet",
        ])
        let lines = await simulator.lines(through: "ready")
        let pty = try #require(lines.first { $0.hasPrefix("harbor-sim: pty /dev/pts/") })
        #expect(pty.hasSuffix(" -> \(link)"))
        let tcp = try #require(lines.first { $0.hasPrefix("harbor-sim: tcp 127.0.0.1:") })
        let port = try #require(Int(tcp.dropFirst("harbor-sim: tcp 127.0.0.1:".count)))
        #expect(lines.last == "harbor-sim: ready (2 boards)")

        let socket = try LineTestClient.connect(port: port)
        defer { close(socket) }
        try LineTestClient.send(socket, openLock1)
        #expect(await LineTestClient.read(socket, count: 5) == .bytes(doorOpenReply))
        let serial = try LineTestClient.openSerial(link)
        defer { close(serial) }
        try LineTestClient.send(serial, openLock1)
        #expect(await LineTestClient.read(serial, count: 5) == .bytes(doorOpenReply))

        kill(simulator.process.processIdentifier, SIGTERM)
        let (status, stderr) = await simulator.finish()
        #expect(status == 0)
        #expect(!stderr.contains("rx "))
        var info = stat()
        #expect(lstat(link, &info) != 0)
        let log = try String(contentsOfFile: directory + "/frames.jsonl", encoding: .utf8)
        #expect(log.split(separator: "\n").count == 4)
    }

    @Test func vanishesAfterItsFramesAndExits() async throws {
        let simulator = try HarborSimProcess(["--board", "cu-xor:1", "--vanish-after-frames", "2"])
        let lines = await simulator.lines(through: "ready")
        let pty = try #require(lines.first { $0.hasPrefix("harbor-sim: pty ") })
        let serial = try LineTestClient.openSerial(String(pty.dropFirst("harbor-sim: pty ".count)))
        defer { close(serial) }
        try LineTestClient.send(serial, openLock1)
        #expect(await LineTestClient.read(serial, count: 5) == .bytes(doorOpenReply))
        try LineTestClient.send(serial, openLock1)
        let outcome = await LineTestClient.read(serial, count: 5)
        #expect(outcome == .endOfFile || outcome == .failed(EIO))
        #expect(await simulator.lines(through: "vanished").last == "harbor-sim: line vanished")
        let (status, stderr) = await simulator.finish()
        #expect(status == 0)
        #expect(stderr.contains("rx 8A 01 01 11 9B open board 1 lock 1"), "stderr: \(stderr)")
        #expect(stderr.contains("tx 8A 01 01 00 8A"), "stderr: \(stderr)")
    }
}
