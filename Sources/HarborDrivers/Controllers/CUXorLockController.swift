import Synchronization

/// One CU XOR board (the 0x8A / 0x80 family) on a lock-board bus.
public final class CUXorLockController: LockController {
    public let settings: BoardControllerSettings
    private let link: BoardTransactions
    /// Status bytes the board answers a query-all with, learned from its first
    /// answer so later replies complete without a quiet-time wait.
    private let learnedStatusBytes = Mutex<Int?>(nil)

    public var channelCount: Int { settings.channelCount }

    public init(bus: LockBoardBus, settings: BoardControllerSettings) {
        self.settings = settings
        self.link = BoardTransactions(bus: bus)
    }

    public func open(channel: Int) async throws(LockControllerError) -> OpenOutcome {
        try settings.check(channel: channel)
        let command = CUXorCommand.open(board: settings.address, lock: channel)
        let reply = try await link.exchange(
            try encodeFrame { () throws(CodecError) in try CUXorCodec.encode(command) },
            label: "open \(settings.address)/\(channel)",
            timeout: settings.unlockTimeout, isUnlock: true,
            scan: { CUXorCodec.scanReply($0, to: command) })
        return OpenOutcome(channel: channel, doorState: try doorState(in: reply, to: command))
    }

    public func openAll() async throws(LockControllerError) -> [OpenOutcome] {
        let command = CUXorCommand.open(board: settings.address, lock: 0)
        _ = try await link.exchange(
            try encodeFrame { () throws(CodecError) in try CUXorCodec.encode(command) },
            label: "open all \(settings.address)",
            timeout: settings.effectiveOpenAllTimeout, isUnlock: true,
            scan: { CUXorCodec.scanReply($0, to: command) })
        // The board sequences its locks itself; its reply says nothing per lock,
        // so read the doors once it is done. A failed read leaves them unknown.
        let states = (try? await readDoorStates())
            ?? Array(repeating: .unknown, count: settings.channelCount)
        return states.enumerated().map { OpenOutcome(channel: $0.offset + 1, doorState: $0.element) }
    }

    public func readDoorStates() async throws(LockControllerError) -> [DoorState] {
        let command = CUXorCommand.query(board: settings.address, lock: 0)
        let known = learnedStatusBytes.withLock { $0 }
        let reply = try await link.exchange(
            try encodeFrame { () throws(CodecError) in try CUXorCodec.encode(command) },
            label: "status \(settings.address)",
            timeout: settings.queryTimeout, isUnlock: false,
            scan: { CUXorCodec.scanReply($0, to: command, statusBytes: known) })
        let decoded: CUXorReply
        do {
            decoded = try CUXorCodec.decodeReply(reply[...], to: command)
        } catch {
            throw LockControllerError(error)
        }
        guard case let .allLocks(_, bits) = decoded else {
            throw .invalidReply("expected a query-all answer, got \(Hex.string(reply))")
        }
        learnedStatusBytes.withLock { $0 = bits.count / 8 }
        return (0..<settings.channelCount).map { index in
            index < bits.count ? settings.polarity.doorState(bitSet: bits[index]) : .unknown
        }
    }

    public func readDoorState(channel: Int) async throws(LockControllerError) -> DoorState {
        try settings.check(channel: channel)
        let command = CUXorCommand.query(board: settings.address, lock: channel)
        let reply = try await link.exchange(
            try encodeFrame { () throws(CodecError) in try CUXorCodec.encode(command) },
            label: "status \(settings.address)/\(channel)",
            timeout: settings.queryTimeout, isUnlock: false,
            scan: { CUXorCodec.scanReply($0, to: command) })
        return try doorState(in: reply, to: command)
    }

    /// The door state a single-lock reply (`8A`/`80 bb ll SS`) carries.
    private func doorState(in reply: [UInt8], to command: CUXorCommand) throws(LockControllerError) -> DoorState {
        let decoded: CUXorReply
        do {
            decoded = try CUXorCodec.decodeReply(reply[...], to: command)
        } catch {
            throw LockControllerError(error)
        }
        guard case let .lock(_, _, status) = decoded, let bit = CUXorCodec.statusBit(status) else {
            throw .invalidReply("status byte makes no sense in \(Hex.string(reply))")
        }
        return settings.polarity.doorState(bitSet: bit)
    }
}
