import Testing
@testable import HarborDrivers

@Suite struct SimulatedDoorBankTests {
    private let at = BoardExchange.at

    @Test func firedDoorOpensAndClosesAgainAfterCloseAfter() {
        let bank = SimulatedDoorBank(channelCount: 4, closeAfter: .seconds(2))
        #expect(bank.state(of: 2, at: at(0)) == .closed)
        bank.fire(channel: 2, at: at(1))
        #expect(bank.state(of: 2, at: at(1)) == .open)
        #expect(bank.state(of: 2, at: at(2.9)) == .open)
        #expect(bank.state(of: 2, at: at(3)) == .closed)
        #expect(bank.state(of: 1, at: at(1)) == .closed)
        #expect(bank.fireCount(of: 2) == 1)
        #expect(bank.fireCount(of: 1) == 0)
        #expect(bank.states(at: at(1)) == [.closed, .open, .closed, .closed])
    }

    @Test func withoutCloseAfterAFiredDoorStaysOpenUntilClosedByHand() {
        let bank = SimulatedDoorBank(channelCount: 2, closeAfter: nil)
        bank.fire(channel: 1, at: at(0))
        #expect(bank.state(of: 1, at: at(3600)) == .open)
        bank.setDoor(channel: 1, open: false, at: at(3601))
        #expect(bank.state(of: 1, at: at(3601)) == .closed)
    }

    @Test func doorOpenedByHandStaysOpenAndFiringAgainRestartsTheTimer() {
        let bank = SimulatedDoorBank(channelCount: 2, closeAfter: .seconds(2))
        bank.setDoor(channel: 2, open: true, at: at(0))
        #expect(bank.state(of: 2, at: at(100)) == .open)
        bank.fire(channel: 1, at: at(0))
        bank.fire(channel: 1, at: at(1.5))
        #expect(bank.state(of: 1, at: at(3)) == .open)
        #expect(bank.state(of: 1, at: at(3.5)) == .closed)
        #expect(bank.fireCount(of: 1) == 2)
    }

    @Test func channelsOutsideTheBankAreUnknownAndIgnored() {
        let bank = SimulatedDoorBank(channelCount: 2, closeAfter: .seconds(2))
        bank.fire(channel: 3, at: at(0))
        bank.fire(channel: 0, at: at(0))
        bank.setDoor(channel: -1, open: true, at: at(0))
        #expect(bank.state(of: 3, at: at(0)) == .unknown)
        #expect(bank.state(of: 0, at: at(0)) == .unknown)
        #expect(bank.fireCount(of: 3) == 0)
        #expect(SimulatedDoorBank(channelCount: -5, closeAfter: nil).channelCount == 0)
    }
}
