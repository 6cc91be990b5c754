import Testing
@testable import HarborDrivers

@Suite struct SimulatedBoardsTests {
    @Test(arguments: LockBoardProtocol.allCases)
    func makesABoardOfEachProtocol(boardProtocol: LockBoardProtocol) {
        let board = SimulatedBoards.make(protocol: boardProtocol, address: 3, channelCount: 8)
        #expect(board.boardProtocol == boardProtocol)
        #expect(board.address == 3)
        #expect(board.doors.channelCount == 8)
    }

    @Test func channelCountIsClampedToWhatTheProtocolAddresses() {
        #expect(SimulatedBoards.make(protocol: .kerongCU16, address: 0, channelCount: 40).doors.channelCount == 16)
        #expect(SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 0).doors.channelCount == 1)
        #expect(CUXorSimulatedBoard(address: 1, channelCount: -3).doors.channelCount == 1)
    }

    @Test func closeAfterNilLeavesTheDoorOpen() throws {
        let board = SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 8, closeAfter: nil)
        _ = BoardExchange.send(try CUXorCodec.encode(.open(board: 1, lock: 2)), to: board, at: BoardExchange.at(seconds: 0))
        #expect(board.doors.state(of: 2, at: BoardExchange.at(seconds: 600)) == .open)
    }
}
