/// Misbehaviour the simulator injects so drivers can be tested against the faults
/// real RS485 lines show: slow boards, lost and mangled replies, stray bytes, a
/// USB adapter pulled mid-transaction, the byte timing of a slow line.
public struct SimulatorFaults: Equatable, Sendable, Codable {
    /// Time between the end of a command frame and the first byte of its reply.
    public var replyLatency: Duration
    /// Boards that act on commands (locks fire) but never answer: a lost reply.
    public var silentAddresses: Set<Int>
    /// Bytes sent before every reply, like the `FA FD 99 99` some boards emit.
    public var noiseBeforeReply: [UInt8]
    /// The last byte of every reply is XORed with 0xFF, breaking its checksum.
    public var corruptChecksums: Bool
    /// The Nth, 2Nth, ... reply is not sent although its command took effect.
    public var dropEveryNthReply: Int?
    /// After this many frames the line disappears without answering the last one.
    public var vanishAfterFrames: Int?
    /// Emulated line speed: each byte takes 10 bits / baud seconds, so a request is
    /// taken only after its wire time and reply bytes are paced. nil answers as fast
    /// as the endpoint takes them.
    public var wireBaud: Int?

    /// A line without faults unless told otherwise.
    public init(
        replyLatency: Duration = .zero,
        silentAddresses: Set<Int> = [],
        noiseBeforeReply: [UInt8] = [],
        corruptChecksums: Bool = false,
        dropEveryNthReply: Int? = nil,
        vanishAfterFrames: Int? = nil,
        wireBaud: Int? = nil
    ) {
        self.replyLatency = replyLatency
        self.silentAddresses = silentAddresses
        self.noiseBeforeReply = noiseBeforeReply
        self.corruptChecksums = corruptChecksums
        self.dropEveryNthReply = dropEveryNthReply
        self.vanishAfterFrames = vanishAfterFrames
        self.wireBaud = wireBaud
    }

    /// The stray bytes real CU boards were seen to send before a reply.
    public static let cuBoardNoise: [UInt8] = [0xFA, 0xFD, 0x99, 0x99]

    /// Time one byte occupies the wire (start bit, 8 data bits, stop bit), or nil
    /// when replies are not paced. A baud rate of zero or less is not paced either.
    public var byteTime: Duration? {
        guard let wireBaud, wireBaud > 0 else { return nil }
        return .nanoseconds(10_000_000_000 / Int64(wireBaud))
    }
}
