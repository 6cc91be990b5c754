/// A serial line to scan: an adapter found by udev or a path given by hand.
public struct SerialScanTarget: Sendable, Hashable {
    /// The device node, or the path as given.
    public var device: String
    /// The adapter's stable by-id link; the scanner opens it when known.
    public var byIdPath: String?
    /// USB vendor id, when the line is a known USB adapter.
    public var vendorId: String?
    /// USB product id.
    public var productId: String?

    /// A line by path (a pty, /dev/ttyS1, a link).
    public init(path: String) {
        device = path
    }

    /// The line of an enumerated adapter.
    public init(adapter: USBSerialAdapter) {
        device = adapter.devnode
        byIdPath = adapter.byIdPath
        vendorId = adapter.vendorId
        productId = adapter.productId
    }

    /// The path the scanner opens.
    var openPath: String {
        byIdPath ?? device
    }
}

/// A board that answered a status read during a scan.
public struct ScannedBoard: Sendable, Hashable, Codable {
    /// The device node (or the path as given) the board answered on.
    public var device: String
    /// The adapter's stable by-id link, the path to configure when known.
    public var byIdPath: String?
    /// USB vendor id of the adapter.
    public var vendorId: String?
    /// USB product id of the adapter.
    public var productId: String?
    /// The protocol the board answered in.
    public var boardProtocol: LockBoardProtocol
    /// The board's address on the line.
    public var address: Int

    enum CodingKeys: String, CodingKey {
        case device, byIdPath, vendorId, productId, address
        case boardProtocol = "protocol"
    }

    /// A found board on `target`.
    public init(target: SerialScanTarget, boardProtocol: LockBoardProtocol, address: Int) {
        device = target.device
        byIdPath = target.byIdPath
        vendorId = target.vendorId
        productId = target.productId
        self.boardProtocol = boardProtocol
        self.address = address
    }
}

/// A line that could not be scanned, or whose scan broke off.
public struct SerialScanFailure: Sendable, Hashable, Codable {
    /// The device node (or the path as given).
    public var device: String
    /// The protocol being probed when it failed.
    public var boardProtocol: LockBoardProtocol
    /// The transport's stable error code ("DEVICE_NOT_FOUND", "DEVICE_BUSY", ...).
    public var code: String
    /// A sentence for the technician.
    public var message: String

    enum CodingKeys: String, CodingKey {
        case device, code, message
        case boardProtocol = "protocol"
    }

    /// A failure record.
    public init(device: String, boardProtocol: LockBoardProtocol, code: String, message: String) {
        self.device = device
        self.boardProtocol = boardProtocol
        self.code = code
        self.message = message
    }
}

/// What a serial bus scan found.
public struct SerialBusScanReport: Sendable, Equatable, Codable {
    /// Boards that answered, in target, protocol and address order.
    public var boards: [ScannedBoard]
    /// Lines that could not be opened or failed during the scan.
    public var failures: [SerialScanFailure]
    /// Lines the time limit cut short: addresses there were left unprobed.
    public var unfinishedDevices: [String]

    /// A report.
    public init(boards: [ScannedBoard] = [], failures: [SerialScanFailure] = [], unfinishedDevices: [String] = []) {
        self.boards = boards
        self.failures = failures
        self.unfinishedDevices = unfinishedDevices
    }

    /// Every address of every protocol was probed on every line.
    public var isComplete: Bool {
        failures.isEmpty && unfinishedDevices.isEmpty
    }
}
