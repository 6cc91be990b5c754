import Testing
@testable import HarborDrivers

/// A device that vanishes after a frame went out: for an unlock the board may
/// have fired, so the bus reports a lost reply (outcome unknown), never "not
/// reached"; a read still reports the device failure.
@Suite struct LockBoardBusLostDeviceTests {
    private func pulledMidRequest(isUnlock: Bool) async throws -> (Result<[UInt8]?, BusError>, BusStatistics) {
        let (host, device) = InMemoryTransport.pair(name: "pulled")
        // The board hears the frame and never answers.
        let board = ScriptedLockBoard(device: device) { _ in [] }
        try await board.start()
        let bus = LockBoardBus(transport: host)
        var request = XorTestFrame.busRequest(address: 1, lock: 1, timeout: .seconds(3))
        request.isUnlock = isUnlock
        let sent = request
        async let outcome = busOutcome { () async throws(BusError) in try await bus.transact(sent) }
        try await LockBoardBusOrderTests.waitUntil { board.frames.count == 1 }
        device.vanish()
        let result = await outcome
        let statistics = await bus.statistics
        await board.stop()
        return (result, statistics)
    }

    @Test func unlockWhoseDeviceVanishesIsALostReply() async throws {
        let started = ContinuousClock.now
        let (result, statistics) = try await pulledMidRequest(isUnlock: true)
        #expect(throws: BusError.noReply) { try result.get() }
        // At once, not after the 3 s timeout.
        #expect(started.duration(to: .now) < .seconds(2))
        #expect(statistics.transportFailures == 1)
        #expect(statistics.framesWritten == 1)
    }

    @Test func unlockWhoseDeviceVanishesIsAnUnknownOutcomeForTheController() async throws {
        let (result, _) = try await pulledMidRequest(isUnlock: true)
        guard case let .failure(error) = result else {
            Issue.record("the unlock succeeded on a vanished device")
            return
        }
        #expect(LockControllerError(error, duringUnlock: true) == .outcomeUnknown)
    }

    @Test func readWhoseDeviceVanishesReportsTheDevice() async throws {
        let (result, statistics) = try await pulledMidRequest(isUnlock: false)
        #expect(throws: BusError.transport(.deviceVanished("memory:pulled"))) { try result.get() }
        #expect(statistics.transportFailures == 1)
    }
}
