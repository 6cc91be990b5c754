/// How a controller is reached (schema `ControllerKind`).
public enum ControllerKind: String, Codable, Sendable, Equatable, CaseIterable {
    case serial
    case tcp
    case gpio
    case simulated
}

/// The board protocol a controller speaks (schema `ControllerProtocol`).
public enum ControllerProtocol: String, Codable, Sendable, Equatable, CaseIterable {
    case cuXor = "cu-xor"
    case kerongCU16 = "kerong-cu16"
    case kerongCU48 = "kerong-cu48"
    case modbusRelay = "modbus-relay"
    case gpioRelay = "gpio-relay"
    case simulated
}

/// Public view of a lock controller (schema `LockController`; prefixed because
/// `HarborDrivers.LockController` is the driver protocol).
public struct APILockController: Codable, Sendable, Equatable {
    /// Controller id, assigned by the gateway and never reused.
    public var id: Int64
    /// Display name, 1 to 64 characters.
    public var name: String
    /// How the controller is reached.
    public var kind: ControllerKind
    /// The board protocol it speaks.
    public var `protocol`: ControllerProtocol
    /// It answered its last status poll.
    public var online: Bool
    /// Number of lockers it drives.
    public var lockerCount: Int

    /// A controller view with every field given.
    public init(
        id: Int64, name: String, kind: ControllerKind, protocol: ControllerProtocol, online: Bool, lockerCount: Int
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.protocol = `protocol`
        self.online = online
        self.lockerCount = lockerCount
    }
}
