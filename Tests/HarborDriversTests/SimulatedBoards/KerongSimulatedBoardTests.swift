import Testing
@testable import HarborDrivers

@Suite struct KerongSimulatedBoardTests {
    private let at = BoardExchange.at
    private let send = BoardExchange.send

    private func status16(
        _ command: KerongCU16Command, board: any SimulatedBoard, at now: ContinuousClock.Instant
    ) throws -> KerongCU16Status? {
        guard let bytes = send(try KerongCU16Codec.encode(command), board, now, #_sourceLocation)?.reply else { return nil }
        #expect(KerongCU16Codec.scanReply(FrameFixtures.shifted(bytes), to: command) == .complete(length: 9))
        return try KerongCU16Codec.decodeReply(FrameFixtures.shifted(bytes), to: command)
    }

    private func status48(
        _ command: KerongCU48Command, board: any SimulatedBoard, at now: ContinuousClock.Instant
    ) throws -> KerongCU48Status? {
        guard let bytes = send(try KerongCU48Codec.encode(command), board, now, #_sourceLocation)?.reply else { return nil }
        #expect(KerongCU48Codec.scanReply(FrameFixtures.shifted(bytes), to: command) == .complete(length: 18))
        return try KerongCU48Codec.decodeReply(FrameFixtures.shifted(bytes), to: command)
    }

    /// Door states of the first `count` hooks under set-means-closed.
    private func doors(_ bits: [Bool], _ count: Int) -> [DoorState] {
        bits.prefix(count).map(FeedbackPolarity.setMeansClosed.doorState(bitSet:))
    }

    @Test func cu16UnlockFiresAndAnswersWithItsStatus() throws {
        let board = SimulatedBoards.make(protocol: .kerongCU16, address: 1, channelCount: 12)
        let unlock = KerongCU16Command.unlock(board: 1, lock: 3)
        #expect(send(try KerongCU16Codec.encode(unlock), board, at(0), #_sourceLocation)?.firedChannels == [3])
        let status = try status16(.status(board: 1), board: board, at: at(1))
        #expect(status?.board == 1)
        #expect(doors(status?.hooks ?? [], 12) == (1...12).map { $0 == 3 ? .open : .closed })
        #expect(status?.hooks.suffix(4) == [false, false, false, false])
        #expect(status?.items == Array(repeating: false, count: 16))
        let later = try status16(.status(board: 1), board: board, at: at(2))
        #expect(doors(later?.hooks ?? [], 12) == Array(repeating: .closed, count: 12))
    }

    @Test func cu16UnlockAllAndStatusAllOfEveryBoard() throws {
        let first = SimulatedBoards.make(protocol: .kerongCU16, address: 0, channelCount: 16)
        let second = SimulatedBoards.make(protocol: .kerongCU16, address: 5, channelCount: 16)
        let response = send(try KerongCU16Codec.encode(.unlockAll(board: 5)), second, at(0), #_sourceLocation)
        #expect(response?.firedChannels == Array(1...16))
        #expect(send(try KerongCU16Codec.encode(.unlockAll(board: 5)), first, at(0), #_sourceLocation) == nil)
        #expect(try status16(.statusAll, board: first, at: at(0))?.hooks == Array(repeating: true, count: 16))
        let fromSecond = try status16(.statusAll, board: second, at: at(0))
        #expect(fromSecond?.board == 5)
        #expect(fromSecond?.hooks == Array(repeating: false, count: 16))
    }

    @Test func cu16IgnoresLocksItDoesNotHaveAndOtherBoards() throws {
        let board = SimulatedBoards.make(protocol: .kerongCU16, address: 1, channelCount: 12)
        let missing = send(try KerongCU16Codec.encode(.unlock(board: 1, lock: 13)), board, at(0), #_sourceLocation)
        #expect(missing?.reply == nil)
        #expect(missing?.firedChannels == [])
        #expect(send(try KerongCU16Codec.encode(.status(board: 2)), board, at(0), #_sourceLocation) == nil)
    }

    @Test func cu16PolaritySetMeansOpenInvertsTheHooks() throws {
        let board = SimulatedBoards.make(protocol: .kerongCU16, address: 0, channelCount: 16, polarity: .setMeansOpen)
        let status = try status16(.unlock(board: 0, lock: 1), board: board, at: at(0))
        #expect(status?.hooks == [true] + Array(repeating: false, count: 15))
    }

    @Test func cu48UnlockFiresAndAnswersWithTheEighteenByteStatus() throws {
        let board = SimulatedBoards.make(protocol: .kerongCU48, address: 0, channelCount: 48)
        let response = send(FrameFixtures.hex("02 00 04 61 03 6A"), board, at(0), #_sourceLocation)
        #expect(response?.firedChannels == [5])
        let status = try status48(.status(board: 0), board: board, at: at(1))
        #expect(doors(status?.locks ?? [], 48) == (1...48).map { $0 == 5 ? .open : .closed })
        #expect(status?.sensors == Array(repeating: 0, count: 6))
        let afterClose = try status48(.unlock(board: 0, lock: 48), board: board, at: at(3))
        #expect(doors(afterClose?.locks ?? [], 48) == (1...48).map { $0 == 48 ? .open : .closed })
    }

    @Test func cu48PolarityIgnoredLocksAndOtherBoards() throws {
        let board = SimulatedBoards.make(protocol: .kerongCU48, address: 2, channelCount: 24, polarity: .setMeansOpen)
        let status = try status48(.unlock(board: 2, lock: 1), board: board, at: at(0))
        #expect(status?.locks == [true] + Array(repeating: false, count: 47))
        let missing = send(try KerongCU48Codec.encode(.unlock(board: 2, lock: 30)), board, at(0), #_sourceLocation)
        #expect(missing?.reply == nil)
        #expect(missing?.firedChannels == [])
        #expect(send(FrameFixtures.hex("02 02 30 61 03 98"), board, at(0), #_sourceLocation)?.reply == nil)
        #expect(send(try KerongCU48Codec.encode(.status(board: 0)), board, at(0), #_sourceLocation) == nil)
    }
}
