/// Why a codec refused bytes or a command. Stable codes for logs and the API.
public enum CodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The frame is shorter or longer than the protocol allows.
    case wrongLength(expected: Int, actual: Int)
    /// The checksum (BCC, sum or CRC) does not match the bytes.
    case badChecksum(expected: UInt8, actual: UInt8)
    /// The frame is well formed but answers something else or holds an unknown command.
    case unexpectedFrame(String)
    /// A board address, lock number or other field is outside the protocol's range.
    case outOfRange(field: String, value: Int, range: ClosedRange<Int>)
    /// A Modbus device answered with an exception code.
    case modbusException(function: UInt8, code: UInt8)

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .wrongLength: "FRAME_WRONG_LENGTH"
        case .badChecksum: "FRAME_BAD_CHECKSUM"
        case .unexpectedFrame: "FRAME_UNEXPECTED"
        case .outOfRange: "VALUE_OUT_OF_RANGE"
        case .modbusException: "MODBUS_EXCEPTION"
        }
    }

    public var description: String {
        switch self {
        case let .wrongLength(expected, actual): "frame has \(actual) bytes, expected \(expected)"
        case let .badChecksum(expected, actual):
            "checksum is \(Hex.byte(actual)), expected \(Hex.byte(expected))"
        case let .unexpectedFrame(why): "unexpected frame: \(why)"
        case let .outOfRange(field, value, range):
            "\(field) \(value) is outside \(range.lowerBound)...\(range.upperBound)"
        case let .modbusException(function, code):
            "Modbus exception \(code) to function \(Hex.byte(function))"
        }
    }
}
