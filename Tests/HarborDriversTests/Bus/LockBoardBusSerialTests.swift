import Testing
@testable import HarborDrivers

/// The bus over a real termios line (a pty), with the board on the master side.
@Suite struct LockBoardBusSerialTests {
    @Test func roundTripsOverAPtyAreFastAndInOrder() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let transport = pty.transport(baudRate: 9600)
            let bus = LockBoardBus(transport: transport, timing: BusTiming(interFrameGap: .zero))
            let board = Task {
                var pending: [UInt8] = []
                while !Task.isCancelled {
                    guard let arrived = try? await pty.master.received.read(until: .now + .seconds(5)) else { return }
                    pending += arrived
                    while pending.count >= 5 {
                        let frame = Array(pending.prefix(5))
                        pending.removeFirst(5)
                        try? await pty.send(XorTestFrame.replyFrame(address: frame[1], lock: frame[2]))
                    }
                }
            }

            var roundTrips: [Duration] = []
            for index in 0..<200 {
                let lock = UInt8(index % 50 + 1)
                let started = ContinuousClock.now
                let reply = try await bus.transact(XorTestFrame.busRequest(address: 1, lock: lock))
                roundTrips.append(ContinuousClock.now - started)
                #expect(reply == XorTestFrame.replyFrame(address: 1, lock: lock))
            }
            roundTrips.sort()
            // A quiet-time wait (25 ms) per reply would put the median far above this.
            #expect(roundTrips[100] < .milliseconds(10))
            #expect(await bus.statistics.replies == 200)

            board.cancel()
            await bus.close()
        }
    }
}
