import Foundation
import Glibc
import Synchronization
import Testing
@testable import HarborDrivers

@Suite struct BoardSimulatorServerTests {
    let command = FakeLockBoard.frame(board: 1, lock: 1)
    let reply = FakeLockBoard.reply(board: 1, lock: 1)

    private func startServer(
        _ faults: SimulatorFaults = SimulatorFaults(),
        options: SimulatorServerOptions = SimulatorServerOptions(),
        onFrame: @escaping @Sendable (FrameLogEntry) -> Void = { _ in }
    ) throws -> BoardSimulatorServer {
        let line = SimulatedLine(boards: [FakeLockBoard(address: 1), FakeLockBoard(address: 2)], faults: faults)
        let server = BoardSimulatorServer(line: line, options: options, onFrame: onFrame)
        try server.start()
        return server
    }

    @Test func ptyAnswersACommand() async throws {
        let server = try startServer()
        defer { server.stop() }
        let path = try #require(server.endpoints.pseudoTerminalPath)
        let fd = try LineTestClient.openSerial(path)
        defer { close(fd) }
        try LineTestClient.send(fd, command)
        #expect(await LineTestClient.read(fd, count: 5) == .bytes(reply))
    }

    @Test func clientCanCloseAndReopenThePty() async throws {
        let server = try startServer()
        defer { server.stop() }
        let path = try #require(server.endpoints.pseudoTerminalPath)
        for lock in 1...3 {
            let fd = try LineTestClient.openSerial(path)
            defer { close(fd) }
            try LineTestClient.send(fd, FakeLockBoard.frame(board: 2, lock: lock))
            #expect(await LineTestClient.read(fd, count: 5) == .bytes(FakeLockBoard.reply(board: 2, lock: lock)))
        }
        #expect(server.counters.framesReceived == 3)
    }

    @Test func linkPointsAtThePtyAndGoesOnStop() async throws {
        let directory = try LineTestClient.temporaryDirectory()
        let link = directory + "/ttyLOCKERS"
        #expect(symlink("/dev/null", link) == 0)
        let server = try startServer(options: SimulatorServerOptions(linkPath: link))
        defer { server.stop() }
        let path = try #require(server.endpoints.pseudoTerminalPath)
        #expect(server.endpoints.linkPath == link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
        do {
            let fd = try LineTestClient.openSerial(link)
            defer { close(fd) }
            try LineTestClient.send(fd, command)
            #expect(await LineTestClient.read(fd, count: 5) == .bytes(reply))
        }
        server.stop()
        var info = stat()
        #expect(lstat(link, &info) != 0)
        server.stop()
    }

    @Test func linkNeverReplacesARegularFile() throws {
        let directory = try LineTestClient.temporaryDirectory()
        let file = directory + "/not-a-link"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("keep".utf8)))
        let server = BoardSimulatorServer(line: SimulatedLine(boards: [FakeLockBoard(address: 1)]),
                                          options: SimulatorServerOptions(linkPath: file))
        #expect(throws: SimulatorServerError.linkRefused(path: file, why: "it exists and is not a symlink")) {
            try server.start()
        }
        #expect(FileManager.default.contents(atPath: file) == Data("keep".utf8))
    }

    @Test func vanishingLineEndsTheClientsReads() async throws {
        let server = try startServer(SimulatorFaults(vanishAfterFrames: 1))
        defer { server.stop() }
        let path = try #require(server.endpoints.pseudoTerminalPath)
        let fd = try LineTestClient.openSerial(path)
        defer { close(fd) }
        try LineTestClient.send(fd, command)
        let outcome = await LineTestClient.read(fd, count: 5)
        #expect(outcome == .endOfFile || outcome == .failed(EIO))
        #expect(server.counters.unlockFrames == [1: 1])
        #expect(server.counters.repliesSent == 0)
        let deadline = ContinuousClock.now + .seconds(1)
        while !server.hasVanished, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(server.hasVanished)
    }

    @Test func tcpClientsAreAnsweredOnTheirOwnConnection() async throws {
        let server = try startServer(options: SimulatorServerOptions(pseudoTerminal: false, tcpPort: 0))
        defer { server.stop() }
        #expect(server.endpoints.pseudoTerminalPath == nil)
        let port = try #require(server.endpoints.tcpPort)
        #expect(port > 0)
        let first = try LineTestClient.connect(port: port)
        // `first` is closed halfway and must not be closed again at the end: by then
        // its number may belong to a descriptor another test opened meanwhile.
        var firstIsOpen = true
        defer { if firstIsOpen { close(first) } }
        let second = try LineTestClient.connect(port: port)
        defer { close(second) }
        try LineTestClient.send(second, FakeLockBoard.frame(board: 2, lock: 7))
        try LineTestClient.send(first, command)
        #expect(await LineTestClient.read(first, count: 5) == .bytes(reply))
        #expect(await LineTestClient.read(second, count: 5) == .bytes(FakeLockBoard.reply(board: 2, lock: 7)))
        close(first)
        firstIsOpen = false
        let third = try LineTestClient.connect(port: port)
        defer { close(third) }
        try LineTestClient.send(third, command)
        #expect(await LineTestClient.read(third, count: 5) == .bytes(reply))
    }

    @Test func frameLogGetsOneJSONLinePerFrame() async throws {
        let log = try LineTestClient.temporaryDirectory() + "/frames.jsonl"
        let seen = Mutex<[FrameLogEntry]>([])
        let server = try startServer(
            SimulatorFaults(silentAddresses: [2]),
            options: SimulatorServerOptions(frameLogPath: log),
            onFrame: { entry in seen.withLock { $0.append(entry) } })
        defer { server.stop() }
        let fd = try LineTestClient.openSerial(try #require(server.endpoints.pseudoTerminalPath))
        defer { close(fd) }
        try LineTestClient.send(fd, [0x99] + command)
        #expect(await LineTestClient.read(fd, count: 5) == .bytes(reply))
        try LineTestClient.send(fd, FakeLockBoard.frame(board: 2, lock: 3))
        #expect(await LineTestClient.read(fd, count: 5, within: .milliseconds(100)) == .bytes([]))
        // Read while the simulator still runs: every line is flushed as written.
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let entries = try lines.map { try JSONDecoder().decode(FrameLogEntry.self, from: Data($0.utf8)) }
        #expect(entries.map(\.dir) == [.drop, .rx, .tx, .rx, .drop])
        let silentFrame = FakeLockBoard.frame(board: 2, lock: 3)
        let withheld = FakeLockBoard.reply(board: 2, lock: 3)
        #expect(entries.map(\.hex) == ["99"] + [command, reply, silentFrame, withheld].map { Hex.string($0) })
        #expect(entries[1].board == 1 && entries[1].fired == [1] && entries[1].summary == "fire 1/1")
        #expect(entries.map(\.t) == entries.map(\.t).sorted())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["t", "dir", "hex", "board", "summary", "fired"])
        let noise = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(noise["board"] is NSNull)
        #expect(seen.withLock { $0 } == entries)
    }

    @Test func countersTrackFramesUnlocksAndReplies() async throws {
        let server = try startServer()
        defer { server.stop() }
        let fd = try LineTestClient.openSerial(try #require(server.endpoints.pseudoTerminalPath))
        defer { close(fd) }
        for frame in [command, FakeLockBoard.frame(board: 2, lock: 1, op: 0x02), FakeLockBoard.frame(board: 2, lock: 4)] {
            try LineTestClient.send(fd, frame)
            #expect(await LineTestClient.read(fd, count: 5).map(\.count) == 5)
        }
        // The loop counts a reply just after writing it, so the client may read the
        // last reply a moment before it is counted.
        let deadline = ContinuousClock.now + .seconds(1)
        while server.counters.repliesSent < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let counters = server.counters
        #expect(counters.framesReceived == 3)
        #expect(counters.unlockFrames == [1: 1, 2: 1])
        #expect(counters.repliesSent == 3)
    }

    @Test func latencyHoldsTheReplyBack() async throws {
        let server = try startServer(SimulatorFaults(replyLatency: .milliseconds(150)))
        defer { server.stop() }
        let fd = try LineTestClient.openSerial(try #require(server.endpoints.pseudoTerminalPath))
        defer { close(fd) }
        let sent = ContinuousClock.now
        try LineTestClient.send(fd, command)
        #expect(await LineTestClient.read(fd, count: 5) == .bytes(reply))
        #expect(sent.duration(to: .now) >= .milliseconds(150))
    }

    @Test func wireBaudPacesTheReplyBytes() async throws {
        // 5 request bytes, then 9 (noise and reply) at 300 baud take 466 ms on the wire.
        let server = try startServer(SimulatorFaults(noiseBeforeReply: SimulatorFaults.cuBoardNoise, wireBaud: 300))
        defer { server.stop() }
        let fd = try LineTestClient.openSerial(try #require(server.endpoints.pseudoTerminalPath))
        defer { close(fd) }
        let sent = ContinuousClock.now
        try LineTestClient.send(fd, command)
        #expect(await LineTestClient.read(fd, count: 9) == .bytes(SimulatorFaults.cuBoardNoise + reply))
        #expect(sent.duration(to: .now) >= .milliseconds(466))
    }

    @Test func startRefusesNoEndpointAndASecondStart() throws {
        let idle = BoardSimulatorServer(line: SimulatedLine(boards: [FakeLockBoard(address: 1)]),
                                        options: SimulatorServerOptions(pseudoTerminal: false))
        #expect(throws: SimulatorServerError.noEndpoint) { try idle.start() }
        let server = try startServer()
        #expect(throws: SimulatorServerError.alreadyStarted) { try server.start() }
        server.stop()
        #expect(throws: SimulatorServerError.alreadyStarted) { try server.start() }
    }
}

extension LineTestClient.ReadOutcome {
    func map<T>(_ transform: ([UInt8]) -> T) -> T? {
        if case let .bytes(bytes) = self { transform(bytes) } else { nil }
    }
}
