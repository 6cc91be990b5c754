/// One simulated board as an operator writes it: `PROTOCOL:ADDRESS[:CHANNELS]`,
/// e.g. `cu-xor:1:16` or `kerong-cu48:0`.
public struct SimulatedBoardSpecification: Equatable, Sendable {
    public var boardProtocol: LockBoardProtocol
    public var address: Int
    public var channelCount: Int

    /// A board, checked against the protocol's address and channel ranges.
    public init(boardProtocol: LockBoardProtocol, address: Int, channelCount: Int? = nil)
        throws(BoardSpecificationError) {
        guard boardProtocol.addressRange.contains(address) else {
            throw .addressOutOfRange(boardProtocol, address: address)
        }
        let channels = channelCount ?? boardProtocol.defaultChannelCount
        guard boardProtocol.channelRange.contains(channels) else {
            throw .channelsOutOfRange(boardProtocol, channels: channels)
        }
        self.boardProtocol = boardProtocol
        self.address = address
        self.channelCount = channels
    }

    /// Parses `PROTOCOL:ADDRESS[:CHANNELS]`; channels default per protocol.
    public init(parsing text: String) throws(BoardSpecificationError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { throw .malformed(text) }
        guard let boardProtocol = LockBoardProtocol(rawValue: parts[0].lowercased()) else {
            throw .unknownProtocol(parts[0])
        }
        guard let address = Int(parts[1]) else { throw .malformed(text) }
        var channels: Int?
        if parts.count == 3 {
            guard let count = Int(parts[2]) else { throw .malformed(text) }
            channels = count
        }
        try self.init(boardProtocol: boardProtocol, address: address, channelCount: channels)
    }

    /// Checks that boards can share one line: at least one, no address twice
    /// (the host could not tell two boards at one address apart).
    public static func checkLine(_ boards: [SimulatedBoardSpecification]) throws(BoardSpecificationError) {
        guard !boards.isEmpty else { throw .noBoards }
        var seen: Set<Int> = []
        for board in boards where !seen.insert(board.address).inserted {
            throw .duplicateAddress(board.address)
        }
    }
}

/// Why a simulated board specification was refused.
public enum BoardSpecificationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not `PROTOCOL:ADDRESS[:CHANNELS]`.
    case malformed(String)
    /// The protocol name is none the gateway speaks.
    case unknownProtocol(String)
    /// The address is outside what the protocol can express.
    case addressOutOfRange(LockBoardProtocol, address: Int)
    /// A board of this protocol cannot have that many channels.
    case channelsOutOfRange(LockBoardProtocol, channels: Int)
    /// Two boards on one line share an address.
    case duplicateAddress(Int)
    /// A line needs at least one board.
    case noBoards

    /// Stable SCREAMING_SNAKE_CASE code.
    public var code: String {
        switch self {
        case .malformed: "BOARD_SPEC_MALFORMED"
        case .unknownProtocol: "BOARD_SPEC_UNKNOWN_PROTOCOL"
        case .addressOutOfRange: "BOARD_SPEC_ADDRESS_OUT_OF_RANGE"
        case .channelsOutOfRange: "BOARD_SPEC_CHANNELS_OUT_OF_RANGE"
        case .duplicateAddress: "BOARD_SPEC_DUPLICATE_ADDRESS"
        case .noBoards: "BOARD_SPEC_NO_BOARDS"
        }
    }

    public var description: String {
        switch self {
        case let .malformed(text):
            "board '\(text)' is not PROTOCOL:ADDRESS[:CHANNELS]"
        case let .unknownProtocol(name):
            "unknown board protocol '\(name)' (known: \(LockBoardProtocol.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .addressOutOfRange(boardProtocol, address):
            "address \(address) is outside \(boardProtocol.rawValue)'s range "
                + "\(boardProtocol.addressRange.lowerBound)...\(boardProtocol.addressRange.upperBound)"
        case let .channelsOutOfRange(boardProtocol, channels):
            "\(channels) channels is outside \(boardProtocol.rawValue)'s range "
                + "\(boardProtocol.channelRange.lowerBound)...\(boardProtocol.channelRange.upperBound)"
        case let .duplicateAddress(address):
            "two boards share address \(address) on one line"
        case .noBoards:
            "no board given (use --board PROTOCOL:ADDRESS[:CHANNELS])"
        }
    }
}
