import Testing
@testable import HarborDrivers

@Suite struct SimulatedBoardSpecificationTests {
    @Test func parsesProtocolAddressAndChannels() throws {
        #expect(try SimulatedBoardSpecification(parsing: "cu-xor:3:24")
            == SimulatedBoardSpecification(boardProtocol: .cuXor, address: 3, channelCount: 24))
        #expect(try SimulatedBoardSpecification(parsing: "kerong-cu48:0").channelCount == 48)
        #expect(try SimulatedBoardSpecification(parsing: "MODBUS-RELAY:247").channelCount == 8)
    }

    @Test func refusesBadBoards() {
        #expect(throws: BoardSpecificationError.unknownProtocol("cu-sum")) {
            try SimulatedBoardSpecification(parsing: "cu-sum:1")
        }
        #expect(throws: BoardSpecificationError.addressOutOfRange(.cuXor, address: 32)) {
            try SimulatedBoardSpecification(parsing: "cu-xor:32")
        }
        #expect(throws: BoardSpecificationError.channelsOutOfRange(.kerongCU16, channels: 17)) {
            try SimulatedBoardSpecification(parsing: "kerong-cu16:0:17")
        }
        for text in ["cu-xor", "cu-xor:one", "cu-xor:1:2:3", "cu-xor:1:x", ""] {
            #expect(throws: BoardSpecificationError.malformed(text)) { try SimulatedBoardSpecification(parsing: text) }
        }
    }

    @Test func lineNeedsBoardsWithDistinctAddresses() throws {
        let cu = try SimulatedBoardSpecification(parsing: "cu-xor:1")
        let relay = try SimulatedBoardSpecification(parsing: "modbus-relay:1")
        #expect(throws: BoardSpecificationError.duplicateAddress(1)) { try SimulatedBoardSpecification.checkLine([cu, relay]) }
        #expect(throws: BoardSpecificationError.noBoards) { try SimulatedBoardSpecification.checkLine([]) }
        try SimulatedBoardSpecification.checkLine([cu, try SimulatedBoardSpecification(parsing: "kerong-cu16:0")])
        #expect(BoardSpecificationError.duplicateAddress(1).code == "BOARD_SPEC_DUPLICATE_ADDRESS")
    }
}
