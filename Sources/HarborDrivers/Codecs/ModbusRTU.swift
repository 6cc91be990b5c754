/// A Modbus RTU request to a relay board. Coil and input addresses are the
/// 0-based wire addresses (relay 1 = coil 0); `pulseCoil` numbers channels from 1.
public enum ModbusRequest: Equatable, Sendable {
    /// FC05: switch one coil (0x00FF = every relay on Waveshare boards).
    case writeCoil(unit: Int, coil: Int, on: Bool)
    /// FC05 to 0x0200 + (channel - 1): the board closes the relay for `tenths` x 100 ms.
    case pulseCoil(unit: Int, channel: Int, tenths: Int)
    /// FC01: read `count` coils from `start`.
    case readCoils(unit: Int, start: Int, count: Int)
    /// FC02: read `count` discrete inputs (door switches) from `start`.
    case readInputs(unit: Int, start: Int, count: Int)
    /// FC0F: write consecutive coils from `start`.
    case writeCoils(unit: Int, start: Int, values: [Bool])
}

/// A Modbus RTU response from a relay board.
public enum ModbusResponse: Equatable, Sendable {
    /// FC05 echo of the address and value written.
    case coilWritten(unit: Int, address: Int, value: UInt16)
    /// FC01/FC02 data: 8 bits per data byte, bit 0 of the first byte = the first
    /// coil or input asked for; `values.count` is 8 times the byte count.
    case bits(unit: Int, function: UInt8, values: [Bool])
    /// FC0F confirmation of the coils written.
    case coilsWritten(unit: Int, start: Int, count: Int)
    /// The device refused: `function` is the request's function code (the wire
    /// carries it with 0x80 set), `code` the Modbus exception code.
    case exception(unit: Int, function: UInt8, code: UInt8)
}

/// The Modbus CRC-16 (init 0xFFFF, reflected polynomial 0xA001).
public enum ModbusCRC16 {
    /// The CRC of the bytes; it goes on the wire low byte first.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
            }
        }
        return crc
    }

    /// `body` followed by its CRC, low byte first.
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        let crc = checksum(body)
        return body + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }

    /// Whether the last two bytes of the first `length` bytes are the CRC of the rest.
    static func isValid(_ bytes: ArraySlice<UInt8>, length: Int) -> Bool {
        let crc = checksum(bytes.framePrefix(length - 2))
        return bytes.frameByte(at: length - 2) == UInt8(crc & 0xFF)
            && bytes.frameByte(at: length - 1) == UInt8(crc >> 8)
    }
}
