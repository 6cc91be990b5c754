import Testing
@testable import HarborDrivers

@Suite struct CoreTypesTests {
    @Test func polarityMapsBitsBothWays() {
        #expect(FeedbackPolarity.setMeansClosed.doorState(bitSet: true) == .closed)
        #expect(FeedbackPolarity.setMeansClosed.doorState(bitSet: false) == .open)
        #expect(FeedbackPolarity.setMeansOpen.doorState(bitSet: true) == .open)
        for polarity in FeedbackPolarity.allCases {
            for state in [DoorState.open, .closed] {
                #expect(polarity.doorState(bitSet: polarity.bit(for: state)) == state)
            }
        }
    }

    @Test func hexRoundTrips() {
        #expect(Hex.string([0x8A, 0x01, 0x01, 0x11, 0x9B]) == "8A 01 01 11 9B")
        #expect(Hex.bytes("8A 01 01 11 9B") == [0x8A, 0x01, 0x01, 0x11, 0x9B])
        #expect(Hex.bytes("8a0101119b") == [0x8A, 0x01, 0x01, 0x11, 0x9B])
        #expect(Hex.bytes("8A 0") == nil)
        #expect(Hex.bytes("ZZ") == nil)
    }
}
