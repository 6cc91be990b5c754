/// What differs between the Kerong boards (CU16/CU12 and CU48): their commands and
/// status layout. The exchange around them is the same and lives in `KerongLockController`.
public protocol KerongDialect: Sendable {
    associatedtype Command: Sendable
    static func unlock(board: Int, lock: Int) -> Command
    /// The board's own open-all command; nil where the board has none (CU48).
    static func unlockAll(board: Int) -> Command?
    static func status(board: Int) -> Command
    static func encode(_ command: Command) throws(CodecError) -> [UInt8]
    static func scanReply(_ bytes: ArraySlice<UInt8>, to command: Command) -> FrameScan
    /// Lock feedback bits of a status reply, index 0 holding lock 1.
    static func lockBits(in frame: ArraySlice<UInt8>, to command: Command) throws(CodecError) -> [Bool]
}

/// One Kerong board on a lock-board bus.
///
/// Sources disagree on whether the board answers an unlock, so the reply is
/// optional and the door state is confirmed by a status read when it stays silent.
public final class KerongLockController<Dialect: KerongDialect>: LockController {
    public let settings: BoardControllerSettings
    private let link: BoardTransactions

    public var channelCount: Int { settings.channelCount }

    public init(bus: LockBoardBus, settings: BoardControllerSettings) {
        self.settings = settings
        self.link = BoardTransactions(bus: bus)
    }

    public func open(channel: Int) async throws(LockControllerError) -> OpenOutcome {
        try settings.check(channel: channel)
        let states = try await unlock(
            Dialect.unlock(board: settings.address, lock: channel),
            label: "open \(settings.address)/\(channel)", timeout: settings.unlockTimeout)
        return OpenOutcome(channel: channel, doorState: states[channel - 1])
    }

    public func openAll() async throws(LockControllerError) -> [OpenOutcome] {
        if let command = Dialect.unlockAll(board: settings.address) {
            let states = try await unlock(
                command, label: "open all \(settings.address)", timeout: settings.effectiveOpenAllTimeout)
            return states.enumerated().map { OpenOutcome(channel: $0.offset + 1, doorState: $0.element) }
        }
        return try await openEachInTurn()
    }

    public func readDoorStates() async throws(LockControllerError) -> [DoorState] {
        let command = Dialect.status(board: settings.address)
        let reply = try await link.exchange(
            try encodeFrame { () throws(CodecError) in try Dialect.encode(command) },
            label: "status \(settings.address)", timeout: settings.queryTimeout, isUnlock: false,
            scan: { Dialect.scanReply($0, to: command) })
        return try doorStates(in: reply, to: command)
    }

    /// Sends an unlock and returns every door state: from the board's own answer
    /// when it gives one, else from a status read right after.
    private func unlock(
        _ command: Dialect.Command, label: String, timeout: Duration
    ) async throws(LockControllerError) -> [DoorState] {
        let reply = try await link.send(
            try encodeFrame { () throws(CodecError) in try Dialect.encode(command) },
            label: label, reply: .optional, timeout: timeout, isUnlock: true,
            scan: { Dialect.scanReply($0, to: command) })
        if let reply {
            return try doorStates(in: reply, to: command)
        }
        do {
            return try await readDoorStates()
        } catch .noReply {
            // Silent to the unlock and to the status read: nobody knows whether it fired.
            throw .outcomeUnknown
        }
    }

    private func doorStates(in reply: [UInt8], to command: Dialect.Command) throws(LockControllerError) -> [DoorState] {
        let bits: [Bool]
        do {
            bits = try Dialect.lockBits(in: reply[...], to: command)
        } catch {
            throw LockControllerError(error)
        }
        return (0..<settings.channelCount).map { index in
            index < bits.count ? settings.polarity.doorState(bitSet: bits[index]) : .unknown
        }
    }
}

/// Kerong KR-CU16 / CU12: 16 locks a board, a board-sequenced open-all.
public enum KerongCU16Dialect: KerongDialect {
    public static func unlock(board: Int, lock: Int) -> KerongCU16Command { .unlock(board: board, lock: lock) }
    public static func unlockAll(board: Int) -> KerongCU16Command? { .unlockAll(board: board) }
    public static func status(board: Int) -> KerongCU16Command { .status(board: board) }
    public static func encode(_ command: KerongCU16Command) throws(CodecError) -> [UInt8] {
        try KerongCU16Codec.encode(command)
    }
    public static func scanReply(_ bytes: ArraySlice<UInt8>, to command: KerongCU16Command) -> FrameScan {
        KerongCU16Codec.scanReply(bytes, to: command)
    }
    public static func lockBits(in frame: ArraySlice<UInt8>, to command: KerongCU16Command) throws(CodecError) -> [Bool] {
        try KerongCU16Codec.decodeReply(frame, to: command).hooks
    }
}

/// Kerong KR-CU48: 48 locks a board, no open-all command.
public enum KerongCU48Dialect: KerongDialect {
    public static func unlock(board: Int, lock: Int) -> KerongCU48Command { .unlock(board: board, lock: lock) }
    public static func unlockAll(board: Int) -> KerongCU48Command? { nil }
    public static func status(board: Int) -> KerongCU48Command { .status(board: board) }
    public static func encode(_ command: KerongCU48Command) throws(CodecError) -> [UInt8] {
        try KerongCU48Codec.encode(command)
    }
    public static func scanReply(_ bytes: ArraySlice<UInt8>, to command: KerongCU48Command) -> FrameScan {
        KerongCU48Codec.scanReply(bytes, to: command)
    }
    public static func lockBits(in frame: ArraySlice<UInt8>, to command: KerongCU48Command) throws(CodecError) -> [Bool] {
        try KerongCU48Codec.decodeReply(frame, to: command).locks
    }
}

/// A Kerong KR-CU16 / CU12 board.
public typealias KerongCU16LockController = KerongLockController<KerongCU16Dialect>
/// A Kerong KR-CU48 board.
public typealias KerongCU48LockController = KerongLockController<KerongCU48Dialect>
