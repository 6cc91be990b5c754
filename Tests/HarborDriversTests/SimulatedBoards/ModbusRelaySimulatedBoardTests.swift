import Testing
@testable import HarborDrivers

@Suite struct ModbusRelaySimulatedBoardTests {
    private let at = BoardExchange.at
    private let send = BoardExchange.send

    private func response(
        _ request: ModbusRequest, board: any SimulatedBoard, at now: ContinuousClock.Instant
    ) throws -> ModbusResponse? {
        guard let bytes = send(try ModbusRTUCodec.encode(request), board, now, #_sourceLocation)?.reply else { return nil }
        #expect(ModbusRTUCodec.scanReply(FrameFixtures.shifted(bytes), to: request) == .complete(length: bytes.count))
        return try ModbusRTUCodec.decodeReply(FrameFixtures.shifted(bytes), to: request)
    }

    private func inputs(_ board: any SimulatedBoard, at now: ContinuousClock.Instant) throws -> [Bool] {
        guard case let .bits(_, _, values) = try response(.readInputs(unit: 1, start: 0, count: 8), board: board, at: now)
        else { return [] }
        return values
    }

    @Test func pulseFiresTheChannelAndEchoes() throws {
        let board = SimulatedBoards.make(protocol: .modbusRelay, address: 1, channelCount: 8)
        let frame = FrameFixtures.hex("01 05 02 00 00 07 8D B0")
        let result = send(frame, board, at(0), #_sourceLocation)
        #expect(result?.reply == frame)
        #expect(result?.firedChannels == [1])
        #expect(try inputs(board, at: at(1)) == [false] + Array(repeating: true, count: 7))
        #expect(try inputs(board, at: at(2)) == Array(repeating: true, count: 8))
        #expect(try response(.readCoils(unit: 1, start: 0, count: 8), board: board, at: at(1))
            == .bits(unit: 1, function: 0x01, values: Array(repeating: false, count: 8)))
    }

    @Test func coilOnFiresOnceAndReadsBackOn() throws {
        let board = SimulatedBoards.make(protocol: .modbusRelay, address: 1, channelCount: 8)
        let on = FrameFixtures.hex("01 05 00 00 FF 00 8C 3A")
        #expect(send(on, board, at(0), #_sourceLocation)?.firedChannels == [1])
        #expect(send(on, board, at(0.5), #_sourceLocation)?.firedChannels == [])
        #expect(try response(.readCoils(unit: 1, start: 0, count: 8), board: board, at: at(1))
            == .bits(unit: 1, function: 0x01, values: [true] + Array(repeating: false, count: 7)))
        #expect(send(FrameFixtures.hex("01 05 00 00 00 00 CD CA"), board, at(1), #_sourceLocation)?.reply
            == FrameFixtures.hex("01 05 00 00 00 00 CD CA"))
        #expect(board.doors.fireCount(of: 1) == 1)
    }

    @Test func allCoilsAndWriteCoils() throws {
        let board = SimulatedBoards.make(protocol: .modbusRelay, address: 1, channelCount: 4)
        #expect(try response(.writeCoil(unit: 1, coil: 0x00FF, on: true), board: board, at: at(0))
            == .coilWritten(unit: 1, address: 0x00FF, value: 0xFF00))
        #expect(board.doors.states(at: at(0)) == Array(repeating: .open, count: 4))
        let other = SimulatedBoards.make(protocol: .modbusRelay, address: 1, channelCount: 4)
        let write = ModbusRequest.writeCoils(unit: 1, start: 1, values: [true, false, true])
        #expect(try response(write, board: other, at: at(0)) == .coilsWritten(unit: 1, start: 1, count: 3))
        #expect(other.doors.states(at: at(0)) == [.closed, .open, .closed, .open])
    }

    @Test func setMeansOpenInvertsTheInputs() throws {
        let board = SimulatedBoards.make(protocol: .modbusRelay, address: 1, channelCount: 8, polarity: .setMeansOpen)
        _ = try response(.pulseCoil(unit: 1, channel: 8, tenths: 5), board: board, at: at(0))
        #expect(try inputs(board, at: at(0)) == Array(repeating: false, count: 7) + [true])
    }

    @Test func refusalsAreExceptionReplies() throws {
        let board = SimulatedBoards.make(protocol: .modbusRelay, address: 1, channelCount: 8)
        #expect(try response(.readInputs(unit: 1, start: 4, count: 8), board: board, at: at(0))
            == .exception(unit: 1, function: 0x02, code: 2))
        #expect(try response(.pulseCoil(unit: 1, channel: 9, tenths: 5), board: board, at: at(0))
            == .exception(unit: 1, function: 0x05, code: 2))
        #expect(try response(.writeCoil(unit: 1, coil: 8, on: true), board: board, at: at(0))
            == .exception(unit: 1, function: 0x05, code: 2))
        let oddValue: [UInt8] = [0x01, 0x05, 0x00, 0x00, 0x12, 0x34]
        let oddCRC = ModbusCRC16.checksum(oddValue)
        let oddFrame = oddValue + [UInt8(oddCRC & 0xFF), UInt8(oddCRC >> 8)]
        #expect(send(oddFrame, board, at(0), #_sourceLocation)?.reply
            == (try ModbusRTUCodec.encode(response: .exception(unit: 1, function: 0x05, code: 3))))
        let readHolding: [UInt8] = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01]
        let crc = ModbusCRC16.checksum(readHolding)
        let frame = readHolding + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
        #expect(send(frame, board, at(0), #_sourceLocation)?.reply
            == (try ModbusRTUCodec.encode(response: .exception(unit: 1, function: 0x03, code: 1))))
        #expect(send(try ModbusRTUCodec.encode(.readCoils(unit: 2, start: 0, count: 8)), board, at(0), #_sourceLocation)
            == nil)
        #expect(board.doors.fireCount(of: 8) == 0)
    }
}
