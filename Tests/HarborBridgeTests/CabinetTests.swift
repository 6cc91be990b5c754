import HarborBridge
import HarborDrivers
import Synchronization
import Testing

/// A controller that records what it was asked to do.
final class RecordingController: LockController {
    let channelCount: Int
    let failure: LockControllerError?
    private let opened = Mutex<[Int]>([])

    init(channelCount: Int, failure: LockControllerError? = nil) {
        self.channelCount = channelCount
        self.failure = failure
    }

    var openedChannels: [Int] { opened.withLock { $0 } }

    func open(channel: Int) async throws(LockControllerError) -> OpenOutcome {
        if let failure { throw failure }
        opened.withLock { $0.append(channel) }
        return OpenOutcome(channel: channel, doorState: .open)
    }

    func openAll() async throws(LockControllerError) -> [OpenOutcome] {
        if let failure { throw failure }
        return (1...channelCount).map { OpenOutcome(channel: $0, doorState: .open) }
    }

    func readDoorStates() async throws(LockControllerError) -> [DoorState] {
        if let failure { throw failure }
        return (1...channelCount).map { opened.withLock { $0 }.contains($0) ? .open : .closed }
    }
}

@Suite struct CabinetTests {
    @Test func directoryRefusesTwoLockersOnOneChannel() {
        #expect(throws: CabinetError.channelTaken(LockerPlacement(controllerId: 1, channel: 2), byLocker: 10)) {
            _ = try LockerDirectory([
                10: LockerPlacement(controllerId: 1, channel: 2),
                11: LockerPlacement(controllerId: 1, channel: 2),
            ])
        }
    }

    @Test func placementIsDataNotAFormula() async throws {
        // Locker 7 sits on channel 12 of controller 2; nothing derives that from its id.
        let first = RecordingController(channelCount: 16)
        let second = RecordingController(channelCount: 16)
        let directory = try LockerDirectory([
            7: LockerPlacement(controllerId: 2, channel: 12),
            8: LockerPlacement(controllerId: 1, channel: 1),
        ])
        let cabinet = try Cabinet(controllers: [1: first, 2: second], directory: directory)
        let outcome = try await cabinet.open(lockerId: 7)
        #expect(outcome.channel == 12)
        #expect(second.openedChannels == [12])
        #expect(first.openedChannels.isEmpty)
    }

    @Test func unknownLockerAndMissingControllerAreTypedErrors() async throws {
        let directory = try LockerDirectory([1: LockerPlacement(controllerId: 9, channel: 1)])
        #expect(throws: CabinetError.controllerNotFound(9)) {
            _ = try Cabinet(controllers: [:], directory: directory)
        }
        let cabinet = try Cabinet(controllers: [9: RecordingController(channelCount: 4)], directory: directory)
        await #expect(throws: CabinetError.lockerNotFound(2)) { _ = try await cabinet.open(lockerId: 2) }
    }

    @Test func channelBeyondTheControllerIsRefused() throws {
        let directory = try LockerDirectory([1: LockerPlacement(controllerId: 1, channel: 9)])
        #expect(throws: CabinetError.hardware(lockerId: 1, .channelOutOfRange(channel: 9, channelCount: 8))) {
            _ = try Cabinet(controllers: [1: RecordingController(channelCount: 8)], directory: directory)
        }
    }

    @Test func aFailingControllerLeavesOnlyItsLockersUnknown() async throws {
        let healthy = RecordingController(channelCount: 2)
        let silent = RecordingController(channelCount: 2, failure: .noReply)
        let directory = try LockerDirectory([
            1: LockerPlacement(controllerId: 1, channel: 1),
            2: LockerPlacement(controllerId: 1, channel: 2),
            3: LockerPlacement(controllerId: 2, channel: 1),
        ])
        let cabinet = try Cabinet(controllers: [1: healthy, 2: silent], directory: directory)
        _ = try await cabinet.open(lockerId: 2)
        let states = await cabinet.doorStates()
        #expect(states == [1: .closed, 2: .open, 3: .unknown])
        await #expect(throws: CabinetError.hardware(lockerId: 3, .noReply)) { _ = try await cabinet.open(lockerId: 3) }
    }
}

@Suite struct CabinetOverSimulatedBoardsTests {
    @Test func lockerOpensThroughTheRealCodecAndBus() async throws {
        let line = InProcessBoardLine(boards: [
            try SimulatedBoardSpecification(boardProtocol: .cuXor, address: 1, channelCount: 8),
            try SimulatedBoardSpecification(boardProtocol: .cuXor, address: 2, channelCount: 8),
        ], closeAfter: nil)
        await line.start()
        let bus = LockBoardBus(transport: line.hostTransport)
        let first = CUXorLockController(bus: bus, settings: BoardControllerSettings(address: 1, channelCount: 8))
        let second = CUXorLockController(bus: bus, settings: BoardControllerSettings(address: 2, channelCount: 8))
        // Locker 20 is wired to channel 5 of the second board.
        let directory = try LockerDirectory([
            10: LockerPlacement(controllerId: 1, channel: 1),
            20: LockerPlacement(controllerId: 2, channel: 5),
        ])
        let cabinet = try Cabinet(controllers: [1: first, 2: second], directory: directory)
        #expect(try await cabinet.open(lockerId: 20).doorState == .open)
        #expect(line.hostTransport.writtenFrames.map { Hex.string($0) } == ["8A 02 05 11 9C"])
        #expect(await line.fireCount(address: 2, channel: 5) == 1)
        #expect(await cabinet.doorStates() == [10: .closed, 20: .open])
        await bus.close()
        await line.stop()
    }
}
