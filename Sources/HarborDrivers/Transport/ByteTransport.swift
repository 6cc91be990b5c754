/// Moves bytes to and from one device; knows nothing of frames.
///
/// Implementations: termios serial, TCP (serial-over-TCP bridges and networked
/// controllers) and an in-memory pair for tests. A `LockBoardBus` owns exactly one.
public protocol ByteTransport: AnyObject, Sendable {
    /// Where the bytes go, for logs: a device path or `host:port`.
    var endpoint: String { get }

    /// Opens the device. Opening an open transport does nothing.
    func open() async throws(TransportError)

    /// Closes the device; pending and later reads fail with `.closed`.
    func close() async

    /// Writes every byte or throws.
    func write(_ bytes: [UInt8]) async throws(TransportError)

    /// Returns the bytes that have arrived, waiting until at least one is there or
    /// `deadline` passes; an empty array means the deadline passed in silence.
    func read(until deadline: ContinuousClock.Instant) async throws(TransportError) -> [UInt8]

    /// Drops bytes that arrived and were not read yet (late replies, line noise).
    func discardInput() async
}

/// Why a transport failed. Hardware faults are expected events, not crashes.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No such device node (adapter unplugged, wrong path).
    case deviceNotFound(String)
    /// The process may not open the device (group `dialout` missing).
    case permissionDenied(String)
    /// Another process holds the device exclusively.
    case deviceBusy(String)
    /// The device went away while open (USB adapter pulled, pty master closed).
    case deviceVanished(String)
    /// The path exists but is not a serial line, or the line settings were refused.
    case notASerialDevice(String)
    /// The baud rate is not one termios offers.
    case unsupportedBaudRate(Int)
    /// The TCP peer refused the connection or did not answer in time.
    case connectionFailed(String)
    /// The transport is not open.
    case closed
    /// Any other OS error, with its errno.
    case system(operation: String, errno: Int32)

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .deviceNotFound: "DEVICE_NOT_FOUND"
        case .permissionDenied: "DEVICE_PERMISSION_DENIED"
        case .deviceBusy: "DEVICE_BUSY"
        case .deviceVanished: "DEVICE_VANISHED"
        case .notASerialDevice: "NOT_A_SERIAL_DEVICE"
        case .unsupportedBaudRate: "UNSUPPORTED_BAUD_RATE"
        case .connectionFailed: "CONNECTION_FAILED"
        case .closed: "TRANSPORT_CLOSED"
        case .system: "TRANSPORT_SYSTEM_ERROR"
        }
    }

    public var description: String {
        switch self {
        case let .deviceNotFound(path): "no device at \(path)"
        case let .permissionDenied(path): "permission denied opening \(path) (is the user in group dialout?)"
        case let .deviceBusy(path): "\(path) is in use by another process"
        case let .deviceVanished(path): "\(path) went away"
        case let .notASerialDevice(path): "\(path) is not a serial device"
        case let .unsupportedBaudRate(rate): "unsupported baud rate \(rate)"
        case let .connectionFailed(why): "connection failed: \(why)"
        case .closed: "transport is closed"
        case let .system(operation, errno): "\(operation) failed (errno \(errno))"
        }
    }
}
