import Testing
@testable import HarborDrivers

@Suite struct InMemoryTransportTests {
    @Test func eachSideReadsWhatTheOtherWrote() async throws {
        let (host, device) = InMemoryTransport.pair(name: "pair-test")
        #expect(host.endpoint == "memory:pair-test")
        #expect(device.endpoint == "memory:pair-test/device")
        try await host.open()
        try await device.open()
        try await host.write([0x8A, 0x01, 0x01, 0x11, 0x9B])
        try await host.write([0x80])
        #expect(try await device.read(until: .now + .seconds(1)) == [0x8A, 0x01, 0x01, 0x11, 0x9B, 0x80])
        try await device.write([0x8A, 0x01, 0x01, 0x00, 0x8A])
        #expect(try await host.read(until: .now + .seconds(1)) == [0x8A, 0x01, 0x01, 0x00, 0x8A])
        #expect(host.writtenFrames == [[0x8A, 0x01, 0x01, 0x11, 0x9B], [0x80]])
        #expect(device.writtenFrames == [[0x8A, 0x01, 0x01, 0x00, 0x8A]])
    }

    @Test func aWaitingReadWakesWhenBytesArrive() async throws {
        let (host, device) = InMemoryTransport.pair()
        try await host.open()
        try await device.open()
        async let pending = transportOutcome { () async throws(TransportError) -> [UInt8] in
            try await host.read(until: .now + .seconds(5))
        }
        try await Task.sleep(for: .milliseconds(20))
        let sentAt = ContinuousClock.now
        try await device.write([0x42])
        let outcome = await pending
        #expect(try outcome.get() == [0x42])
        #expect(ContinuousClock.now - sentAt < .milliseconds(200))
    }

    @Test func silenceReturnsEmptyAtTheDeadline() async throws {
        let (host, _) = InMemoryTransport.pair()
        try await host.open()
        let started = ContinuousClock.now
        #expect(try await host.read(until: started + .milliseconds(80)).isEmpty)
        #expect(ContinuousClock.now - started >= .milliseconds(75))
        #expect(try await host.read(until: .now - .seconds(1)).isEmpty)
    }

    @Test func closedSidesRefuseAndDropBytes() async throws {
        let (host, device) = InMemoryTransport.pair()
        await #expect(throws: TransportError.closed) { try await host.read(until: .now) }
        await #expect(throws: TransportError.closed) { try await host.write([1]) }
        try await host.open()
        try await host.write([1, 2])
        try await device.open()
        #expect(try await device.read(until: .now).isEmpty)
        await host.close()
        await #expect(throws: TransportError.closed) { try await host.read(until: .now) }
    }

    @Test func discardInputDropsUnreadBytes() async throws {
        let (host, device) = InMemoryTransport.pair()
        try await host.open()
        try await device.open()
        try await device.write([9, 9, 9])
        await host.discardInput()
        #expect(try await host.read(until: .now + .milliseconds(20)).isEmpty)
    }

    @Test func vanishedDeviceFailsTheHostUntilItReturnsAndIsReopened() async throws {
        let (host, device) = InMemoryTransport.pair(name: "vanishing")
        try await host.open()
        try await device.open()
        async let pending = transportOutcome { () async throws(TransportError) -> [UInt8] in
            try await host.read(until: .now + .seconds(5))
        }
        try await Task.sleep(for: .milliseconds(20))
        device.vanish()
        let outcome = await pending
        #expect(throws: TransportError.deviceVanished("memory:vanishing")) { try outcome.get() }
        await #expect(throws: TransportError.deviceVanished("memory:vanishing")) { try await host.write([1]) }
        await #expect(throws: TransportError.deviceVanished("memory:vanishing")) { try await host.read(until: .now) }

        await host.close()
        await #expect(throws: TransportError.deviceNotFound("memory:vanishing")) { try await host.open() }
        device.reappear()
        try await host.open()
        try await host.write([0x80, 0x01])
        #expect(try await device.read(until: .now + .seconds(1)) == [0x80, 0x01])
    }
}
