/// The board protocols the gateway speaks on a serial line or a TCP bridge.
public enum LockBoardProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    case cuXor = "cu-xor"
    case kerongCU16 = "kerong-cu16"
    case kerongCU48 = "kerong-cu48"
    case modbusRelay = "modbus-relay"

    /// The line speed the fact sheet gives for the protocol's boards.
    public var defaultBaudRate: Int {
        switch self {
        case .cuXor: 9600
        case .kerongCU16: 19200
        case .kerongCU48: 19200
        case .modbusRelay: 9600
        }
    }

    /// Board addresses the protocol can express (DIP switches, Modbus unit ids).
    public var addressRange: ClosedRange<Int> {
        switch self {
        case .cuXor: 1...31
        case .kerongCU16: 0...15
        case .kerongCU48: 0...15
        case .modbusRelay: 1...247
        }
    }

    /// Lock channels one board of this protocol can have, numbered from 1.
    public var channelRange: ClosedRange<Int> {
        switch self {
        case .cuXor: 1...50
        case .kerongCU16: 1...16
        case .kerongCU48: 1...48
        case .modbusRelay: 1...255
        }
    }

    /// A typical channel count for a board of this protocol.
    public var defaultChannelCount: Int {
        switch self {
        case .cuXor: 16
        case .kerongCU16: 16
        case .kerongCU48: 48
        case .modbusRelay: 8
        }
    }
}
