import Glibc

/// A termios serial line (a USB-RS485 adapter such as /dev/ttyUSB0), raw 8N1,
/// held exclusively while open.
public final class SerialTransport: ByteTransport {
    /// The device path.
    public let endpoint: String
    /// The line speed in baud.
    public let baudRate: Int
    private let channel = OpenChannelSlot()

    /// A transport for the device at `path`; nothing is opened yet.
    public init(path: String, baudRate: Int) {
        endpoint = path
        self.baudRate = baudRate
    }

    /// Opens and configures the line. Opening an open transport does nothing.
    public func open() async throws(TransportError) {
        if channel.isOpen { return }
        guard let speed = SerialLineSettings.speed(forBaudRate: baudRate) else {
            throw .unsupportedBaudRate(baudRate)
        }
        let fileDescriptor = Glibc.open(endpoint, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fileDescriptor >= 0 else { throw Self.errorForOpen(errno: errno, path: endpoint) }
        do throws(TransportError) {
            try configureLine(fileDescriptor, speed: speed)
        } catch {
            _ = Glibc.close(fileDescriptor)
            throw error
        }
        let opened = FileDescriptorChannel(fileDescriptor: fileDescriptor, endpoint: endpoint, endOfInput: .hangup)
        // Two concurrent opens: the flock makes the second fail, but stay safe anyway.
        await channel.install(opened)
    }

    /// Closes the line; pending and later reads fail with `.closed`.
    public func close() async {
        await channel.close()
    }

    /// Writes every byte, coping with partial writes and a full output buffer.
    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try await channel.write(bytes)
    }

    /// Returns the bytes that arrived, waiting until one does or `deadline` passes.
    public func read(until deadline: ContinuousClock.Instant) async throws(TransportError) -> [UInt8] {
        try await channel.read(until: deadline)
    }

    /// Drops received bytes nobody read, including those still in the kernel.
    public func discardInput() async {
        await channel.discardInput()
    }

    /// The error for a failed step of opening a serial device, by errno: missing
    /// node, missing permission, held by someone else, or not a terminal.
    public static func errorForOpen(errno code: Int32, path: String) -> TransportError {
        switch code {
        case ENOENT, ENODEV, ENXIO, ENOTDIR: .deviceNotFound(path)
        case EACCES, EPERM, EROFS: .permissionDenied(path)
        case EBUSY, EWOULDBLOCK: .deviceBusy(path)
        case ENOTTY, EINVAL, EISDIR: .notASerialDevice(path)
        default: .system(operation: "open", errno: code)
        }
    }


    private func configureLine(_ fileDescriptor: Int32, speed: speed_t) throws(TransportError) {
        var settings = termios()
        guard tcgetattr(fileDescriptor, &settings) == 0 else {
            throw Self.errorForOpen(errno: errno, path: endpoint)
        }
        // TIOCEXCL keeps other (non-root) processes out; root ignores it, which is
        // why the flock below is what actually detects a second user. Its failure
        // is not fatal: the flock still guards the line.
        _ = ioctl(fileDescriptor, UInt(TIOCEXCL))
        guard flock(fileDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            throw Self.errorForOpen(errno: errno, path: endpoint)
        }
        SerialLineSettings.configure(&settings, speed: speed)
        guard tcsetattr(fileDescriptor, TCSANOW, &settings) == 0 else {
            throw .notASerialDevice(endpoint)
        }
        // Bytes left from before the open (a board's greeting, noise) are not replies.
        _ = tcflush(fileDescriptor, TCIOFLUSH)
    }
}
