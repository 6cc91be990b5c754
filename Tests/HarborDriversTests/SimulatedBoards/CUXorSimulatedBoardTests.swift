import Testing
@testable import HarborDrivers

@Suite struct CUXorSimulatedBoardTests {
    private let at = BoardExchange.at
    private let send = BoardExchange.send

    private func reply(
        _ command: CUXorCommand, board: any SimulatedBoard, at now: ContinuousClock.Instant
    ) throws -> CUXorReply? {
        guard let bytes = send(try CUXorCodec.encode(command), board, now, #_sourceLocation)?.reply else { return nil }
        #expect(CUXorCodec.scanReply(FrameFixtures.shifted(bytes), to: command).isWhole(length: bytes.count))
        return try CUXorCodec.decodeReply(FrameFixtures.shifted(bytes), to: command)
    }

    @Test func openFiresAndReportsTheDoorOpenThenItClosesAgain() throws {
        let board = SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 8)
        let response = send(try CUXorCodec.encode(.open(board: 1, lock: 3)), board, at(0), #_sourceLocation)
        #expect(response?.firedChannels == [3])
        #expect(response?.summary == "open board 1 lock 3")
        #expect(response?.reply == FrameFixtures.hex("8A 01 03 00 88"))
        #expect(board.doors.fireCount(of: 3) == 1)
        #expect(try reply(.query(board: 1, lock: 3), board: board, at: at(1.9)) == .lock(board: 1, lock: 3, status: 0x00))
        #expect(try reply(.query(board: 1, lock: 3), board: board, at: at(2)) == .lock(board: 1, lock: 3, status: 0x11))
    }

    @Test func queryAllUsesTheRealLayout() throws {
        let board = SimulatedBoards.make(protocol: .cuXor, address: 2, channelCount: 12)
        board.doors.setDoor(channel: 9, open: true, at: at(0))
        let response = send(try CUXorCodec.encode(.query(board: 2, lock: 0)), board, at(0), #_sourceLocation)
        // S_2 (channels 9-12: 10, 11, 12 closed) then S_1 (channels 1-8 closed) right before 33.
        #expect(response?.reply == FrameFixtures.hex("80 02 0E FF 33 40"))
        let reply = try reply(.query(board: 2, lock: 0), board: board, at: at(0))
        guard case let .allLocks(_, bits) = reply else {
            Issue.record("expected a query-all reply, got \(String(describing: reply))")
            return
        }
        #expect(bits.count == 16)
        let states = bits.prefix(12).map(FeedbackPolarity.setMeansClosed.doorState(bitSet:))
        #expect(states == (1...12).map { $0 == 9 ? DoorState.open : .closed })
    }

    @Test func setMeansOpenInvertsTheReportedBits() throws {
        let board = SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 8, polarity: .setMeansOpen)
        #expect(try reply(.open(board: 1, lock: 1), board: board, at: at(0)) == .lock(board: 1, lock: 1, status: 0x11))
        #expect(try reply(.query(board: 1, lock: 2), board: board, at: at(0)) == .lock(board: 1, lock: 2, status: 0x00))
        #expect(try reply(.query(board: 1, lock: 0), board: board, at: at(0))
            == .allLocks(board: 1, bits: [true] + Array(repeating: false, count: 7)))
    }

    @Test func openAllFiresEveryLockAndAnswersWithLockZero() throws {
        let board = SimulatedBoards.make(protocol: .cuXor, address: 4, channelCount: 5)
        let response = send(try CUXorCodec.encode(.open(board: 4, lock: 0)), board, at(0), #_sourceLocation)
        #expect(response?.firedChannels == [1, 2, 3, 4, 5])
        #expect(try reply(.open(board: 4, lock: 0), board: board, at: at(0.5)) == .lock(board: 4, lock: 0, status: 0x00))
        #expect(board.doors.states(at: at(0.5)) == Array(repeating: .open, count: 5))
    }

    @Test(arguments: CUXorMaskOrder.allCases)
    func multiOpenFiresTheMaskedLocksAndEchoes(order: CUXorMaskOrder) throws {
        let board = CUXorSimulatedBoard(address: 1, channelCount: 16, maskOrder: order)
        let frame = try CUXorCodec.encode(.multiOpen(board: 1, locks: [2, 10, 18]), maskOrder: order)
        let response = send(frame, board, at(0), #_sourceLocation)
        #expect(response?.firedChannels == [2, 10])
        #expect(response?.reply == frame)
        #expect(try CUXorCodec.decodeReply(FrameFixtures.shifted(frame), to: .multiOpen(board: 1, locks: [2, 10, 18]),
                                           maskOrder: order) == .multiOpened(board: 1, locks: [2, 10, 18]))
    }

    @Test func keepPoweredIsEchoed() throws {
        let board = SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 8)
        #expect(try reply(.keepPowered(board: 1, lock: 1, on: true), board: board, at: at(0))
            == .power(board: 1, lock: 1, on: true))
        #expect(send(FrameFixtures.hex("9A 01 01 11 8B"), board, at(0), #_sourceLocation)?.reply
            == FrameFixtures.hex("9A 01 01 11 8B"))
    }

    @Test func otherBoardsAndMissingLocksGetSilence() throws {
        let board = SimulatedBoards.make(protocol: .cuXor, address: 1, channelCount: 8)
        #expect(send(try CUXorCodec.encode(.open(board: 2, lock: 1)), board, at(0), #_sourceLocation) == nil)
        let missing = send(try CUXorCodec.encode(.open(board: 1, lock: 9)), board, at(0), #_sourceLocation)
        #expect(missing?.reply == nil)
        #expect(missing?.firedChannels == [])
        #expect(send(try CUXorCodec.encode(.query(board: 1, lock: 50)), board, at(0), #_sourceLocation)?.reply == nil)
        #expect(board.doors.states(at: at(0)) == Array(repeating: .closed, count: 8))
    }
}
