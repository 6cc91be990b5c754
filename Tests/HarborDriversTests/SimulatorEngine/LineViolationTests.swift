import Foundation
import Glibc
import Synchronization
import Testing
@testable import HarborDrivers

/// The simulator checks every frame: bytes a host puts on the line that no board
/// can take, or a command sent before the previous reply left the wire, are
/// reported as violations (so an end-to-end test asserting zero of them can fail).
@Suite struct LineViolationTests {
    let t0 = ContinuousClock.now
    let first = FakeLockBoard.frame(board: 1, lock: 1)
    let second = FakeLockBoard.frame(board: 2, lock: 1)

    private func line(latency: Duration = .milliseconds(5)) -> SimulatedLine {
        SimulatedLine(boards: [FakeLockBoard(address: 1), FakeLockBoard(address: 2)],
                      faults: SimulatorFaults(replyLatency: latency))
    }

    private func violations(_ events: [LineEvent]) -> [LineViolation] {
        LineViolation.found(in: events)
    }

    @Test func bytesOfTwoFramesInterleavedAreReported() {
        // The second frame starts after the first one's first two bytes, as two
        // unserialised writers on one adapter would produce.
        let interleaved = Array(first[0..<2]) + second + Array(first[2...])
        let line = line()
        var events = line.receive(interleaved, at: t0)
        events += line.expire(at: t0 + .milliseconds(100))
        let found = violations(events)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { [.garbled, .noise, .truncated].contains($0.kind) })
        var counters = SimulatorCounters()
        counters.count(events)
        #expect(counters.violations == found.count)
    }

    @Test func secondCommandBeforeTheFirstReplyLeftIsAnOverlap() {
        let line = line()
        #expect(violations(line.receive(first, at: t0)).isEmpty)
        let events = line.receive(second, at: t0 + .milliseconds(2))
        #expect(violations(events) == [LineViolation(kind: .overlap, bytes: second, board: 2)])
        // The board still acts, as a simulator that only reports.
        #expect(line.board(at: 2)?.doors.fireCount(of: 1) == 1)
    }

    @Test func twoCommandsInOneWriteOverlapEvenWithoutLatency() {
        let events = line(latency: .zero).receive(first + second, at: t0)
        #expect(violations(events).map(\.kind) == [.overlap])
    }

    @Test func commandAfterTheReplyLeftIsClean() {
        let line = line()
        let reply = line.receive(first, at: t0).compactMap { event -> ScheduledReply? in
            if case let .replyScheduled(reply) = event { reply } else { nil }
        }
        let finished = reply.first?.finished ?? t0
        #expect(violations(line.receive(second, at: finished + .microseconds(1))).isEmpty)
    }

    @Test func truncatedFrameIsReportedWhenTheLineGoesQuiet() {
        let line = line()
        #expect(line.receive(Array(first[0..<3]), at: t0).isEmpty)
        let found = violations(line.expire(at: t0 + .milliseconds(60)))
        #expect(found == [LineViolation(kind: .truncated, bytes: Array(first[0..<3]))])
    }

    @Test func frameForAnAbsentBoardIsNoViolation() {
        // Discovery scans address boards that are not there on purpose.
        let events = line().receive(FakeLockBoard.frame(board: 9, lock: 1), at: t0)
        #expect(violations(events).isEmpty)
    }

    @Test func serverLogsAndReportsEachViolationWithARunningCount() async throws {
        let directory = try LineTestClient.temporaryDirectory()
        let log = directory + "/frames.jsonl"
        let reported = Mutex<[ViolationLogEntry]>([])
        let server = BoardSimulatorServer(
            line: SimulatedLine(boards: [FakeLockBoard(address: 1), FakeLockBoard(address: 2)]),
            options: SimulatorServerOptions(frameLogPath: log),
            onViolation: { entry in reported.withLock { $0.append(entry) } })
        try server.start()
        defer { server.stop() }
        let fd = try LineTestClient.openSerial(try #require(server.endpoints.pseudoTerminalPath))
        defer { close(fd) }
        try LineTestClient.send(fd, first + second + [0xEE])
        _ = await LineTestClient.read(fd, count: 10)
        let deadline = ContinuousClock.now + .seconds(2)
        while server.counters.violations < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(server.counters.violations == 2)
        #expect(reported.withLock { $0.map(\.kind) } == [.overlap, .noise])
        #expect(reported.withLock { $0.map(\.count) } == [1, 2])
        server.stop()
        // In the frame log the violation sits on the frame's own line, with the running count.
        let entries = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(FrameLogEntry.self, from: Data($0.utf8))
        }
        let flagged = entries.filter { $0.violation != nil }
        #expect(flagged.map(\.violation) == [.overlap, .noise])
        #expect(flagged.map(\.violations) == [1, 2])
        #expect(flagged.first?.dir == .rx && flagged.first?.hex == Hex.string(second))
        #expect(entries.count { $0.violation == nil } == 3, "first command and both replies are clean")
        #expect(server.counters.summaryJSONLine.contains(#""violations":2"#))
    }

    @Test func harborSimPrintsViolationsAndASummaryOnStderr() async throws {
        let simulator = try HarborSimProcess(["--board", "cu-xor:1", "--board", "cu-xor:2", "--quiet"])
        let lines = await simulator.lines(through: "ready")
        let pty = try #require(lines.first { $0.hasPrefix("harbor-sim: pty ") })
        let fd = try LineTestClient.openSerial(String(pty.dropFirst("harbor-sim: pty ".count)))
        defer { close(fd) }
        // Two CU opens in one write: the second starts before the first reply went out.
        try LineTestClient.send(fd, (Hex.bytes("8A 01 01 11 9B") ?? []) + (Hex.bytes("8A 02 01 11 98") ?? []))
        _ = await LineTestClient.read(fd, count: 10)
        kill(simulator.process.processIdentifier, SIGTERM)
        let (status, stderr) = await simulator.finish()
        #expect(status == 0)
        #expect(stderr.contains(#""event":"violation""#) && stderr.contains(#""kind":"overlap""#), "stderr: \(stderr)")
        let summary = try #require(stderr.split(separator: "\n").last { $0.contains(#""event":"summary""#) })
        #expect(summary.contains(#""violations":1"#), "\(summary)")
        #expect(summary.contains(#""unlockFrames":2"#), "\(summary)")
    }
}
