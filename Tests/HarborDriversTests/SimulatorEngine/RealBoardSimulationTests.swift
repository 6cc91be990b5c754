import Glibc
import Testing
@testable import HarborDrivers

/// The engine with the real protocol boards, on the verified frames of
/// lock-board-protocols.md.
@Suite struct RealBoardSimulationTests {
    let openLock1 = Hex.bytes("8A 01 01 11 9B") ?? []
    let doorOpenReply = Hex.bytes("8A 01 01 00 8A") ?? []

    private func cuBoard(_ address: Int = 1) -> any SimulatedBoard {
        SimulatedBoards.make(protocol: .cuXor, address: address, channelCount: 16, polarity: .setMeansClosed)
    }

    @Test func cuBoardOpensLockAndReportsTheDoorOpen() {
        let now = ContinuousClock.now
        let line = SimulatedLine(boards: [cuBoard()])
        let events = line.receive(openLock1, at: now)
        guard case let .frameReceived(frame) = events.first, case let .replyScheduled(reply) = events.last else {
            Issue.record("unexpected events \(events)")
            return
        }
        #expect(frame.firedChannels == [1])
        #expect(frame.board == 1 && frame.boardProtocol == .cuXor)
        #expect(reply.bytes == doorOpenReply)
        #expect(reply.due == now)
        let query = line.receive(Hex.bytes("80 01 01 33 B3") ?? [], at: now + .milliseconds(100))
        #expect(query.last.flatMap { if case let .replyScheduled(r) = $0 { r.bytes } else { nil } } == Hex.bytes("80 01 01 00 80"))
    }

    @Test func cuBoardAnswersOverThePty() async throws {
        let server = BoardSimulatorServer(line: SimulatedLine(boards: [cuBoard()]))
        try server.start()
        defer { server.stop() }
        let fd = try LineTestClient.openSerial(try #require(server.endpoints.pseudoTerminalPath))
        defer { close(fd) }
        try LineTestClient.send(fd, openLock1)
        #expect(await LineTestClient.read(fd, count: 5) == .bytes(doorOpenReply))
        #expect(server.counters.unlockFrames == [1: 1])
    }

    @Test func cuAndModbusBoardsShareOneLineOverTCP() async throws {
        let relay = SimulatedBoards.make(protocol: .modbusRelay, address: 1, channelCount: 8)
        let server = BoardSimulatorServer(
            line: SimulatedLine(boards: [cuBoard(2), relay]),
            options: SimulatorServerOptions(pseudoTerminal: false, tcpPort: 0))
        try server.start()
        defer { server.stop() }
        let fd = try LineTestClient.connect(port: try #require(server.endpoints.tcpPort))
        defer { close(fd) }
        let relayOn = Hex.bytes("01 05 00 00 FF 00 8C 3A") ?? []
        try LineTestClient.send(fd, (Hex.bytes("8A 02 01 11 98") ?? []) + relayOn)
        #expect(await LineTestClient.read(fd, count: 13) == .bytes((Hex.bytes("8A 02 01 00 89") ?? []) + relayOn))
    }
}
