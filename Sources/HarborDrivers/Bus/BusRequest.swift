/// One request on a lock-board bus and what the bus should expect back.
public struct BusRequest: Sendable {
    /// Whether the board answers this request.
    public enum ReplyExpectation: Sendable, Equatable {
        /// Broadcasts and writes that boards never answer.
        case none
        /// No reply within the timeout is an error (`BusError.noReply`).
        case required
        /// Some firmware answers, some does not (Kerong unlock): silence is not an error.
        case optional
    }

    /// The bytes to send, already encoded by a codec.
    public var frame: [UInt8]
    public var reply: ReplyExpectation
    /// How long to wait for the reply after the frame is written.
    public var timeout: Duration
    /// Recognises the reply at the front of the receive buffer (noise is skipped).
    public var scanReply: @Sendable (ArraySlice<UInt8>) -> FrameScan
    /// An unlock fires a lock: the bus never sends it twice, and a lost reply is an
    /// unknown outcome for the caller to report, not something to retry.
    public var isUnlock: Bool
    /// A short name for logs and statistics ("open 1/3", "status 1").
    public var label: String

    public init(
        frame: [UInt8],
        reply: ReplyExpectation = .required,
        timeout: Duration,
        isUnlock: Bool,
        label: String,
        scanReply: @escaping @Sendable (ArraySlice<UInt8>) -> FrameScan
    ) {
        self.frame = frame
        self.reply = reply
        self.timeout = timeout
        self.isUnlock = isUnlock
        self.label = label
        self.scanReply = scanReply
    }
}

/// Why a bus transaction did not produce a reply.
public enum BusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing valid arrived in time. For an unlock the outcome is unknown.
    case noReply
    /// Only frames with a bad checksum arrived (the bytes of the last one).
    case corruptReply([UInt8])
    /// The device failed or is gone; the bus reopens it on a later request.
    case transport(TransportError)
    /// The caller's task was cancelled before the frame was written.
    case cancelled

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .noReply: "HARDWARE_TIMEOUT"
        case .corruptReply: "HARDWARE_BAD_REPLY"
        case let .transport(error): error.code
        case .cancelled: "CANCELLED"
        }
    }

    public var description: String {
        switch self {
        case .noReply: "no reply in time"
        case let .corruptReply(bytes): "reply with a bad checksum: \(Hex.string(bytes))"
        case let .transport(error): error.description
        case .cancelled: "cancelled"
        }
    }
}
