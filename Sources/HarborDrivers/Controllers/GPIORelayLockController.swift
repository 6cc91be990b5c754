/// A bank of lock relays driven straight from the gateway's GPIO lines, with
/// optional door switches on input lines.
///
/// An unlock drives the channel's relay active for the configured pulse and then
/// inactive again. Only one relay fires at a time per controller: the lock
/// supply of a cabinet is sized for one solenoid, and actor reentrancy around
/// the pulse's sleep would otherwise let a second open fire alongside.
public actor GPIORelayLockController: LockController {
    /// Channels this controller drives: one per relay line.
    public nonisolated let channelCount: Int
    /// The setup the controller was built with.
    public nonisolated let configuration: GPIORelayConfiguration
    private let relays: any GPIOOutputLines
    private let doors: (any GPIOInputLines)?
    private let doorCount: Int
    private let sleep: @Sendable (Duration) async -> Void
    private var firing = false
    private var waitingToFire: [CheckedContinuation<Void, Never>] = []

    /// Requests the relay lines (driven inactive) and the door lines from `chip`
    /// right away, so a missing, busy or forbidden line shows at start-up.
    /// `sleep` times the pulse; tests pass one that only records.
    public init(
        configuration: GPIORelayConfiguration,
        chip: any GPIOChipDriver,
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) throws(GPIOError) {
        let relays = try chip.requestOutputs(
            configuration.lines, activeLow: configuration.activeLow, consumer: configuration.consumer)
        let doorLines = Array((configuration.doorLines ?? []).prefix(configuration.lines.count))
        var doors: (any GPIOInputLines)?
        if !doorLines.isEmpty {
            do {
                doors = try chip.requestInputs(
                    doorLines, activeLow: configuration.doorActiveLow,
                    pullUp: configuration.doorPullUp, consumer: configuration.consumer)
            } catch {
                relays.release()
                throw error
            }
        }
        self.configuration = configuration
        self.channelCount = configuration.lines.count
        self.relays = relays
        self.doors = doors
        self.doorCount = doorLines.count
        self.sleep = sleep
    }

    /// Opens the real chip the configuration names through libgpiod and builds
    /// the controller on it.
    public static func make(configuration: GPIORelayConfiguration) throws(GPIOError) -> GPIORelayLockController {
        let chip = try LibgpiodChip(configuration.chip)
        return try GPIORelayLockController(configuration: configuration, chip: chip)
    }

    deinit {
        relays.release()
        doors?.release()
    }

    /// Pulses the channel's relay, then reads its door switch (`unknown` when
    /// none is wired or it cannot be read: the lock has fired either way).
    public func open(channel: Int) async throws(LockControllerError) -> OpenOutcome {
        guard channel >= 1, channel <= channelCount else {
            throw .channelOutOfRange(channel: channel, channelCount: channelCount)
        }
        try await pulse(channel: channel)
        let door = (try? doorState(channel: channel)) ?? .unknown
        return OpenOutcome(channel: channel, doorState: door)
    }

    /// Pulses every relay one after the other. A GPIO failure stops the run and
    /// is thrown; the channels before it have fired.
    public func openAll() async throws(LockControllerError) -> [OpenOutcome] {
        var outcomes: [OpenOutcome] = []
        for channel in stride(from: 1, through: channelCount, by: 1) {
            outcomes.append(try await open(channel: channel))
        }
        return outcomes
    }

    /// Reads every door switch through the configured polarity; channels without
    /// a switch read `unknown`.
    public func readDoorStates() async throws(LockControllerError) -> [DoorState] {
        var states: [DoorState] = []
        for channel in stride(from: 1, through: channelCount, by: 1) {
            do {
                states.append(try doorState(channel: channel))
            } catch {
                throw Self.unreachable(error)
            }
        }
        return states
    }

    private func pulse(channel: Int) async throws(LockControllerError) {
        await takeTurnToFire()
        defer { passTurnToFire() }
        let index = channel - 1
        do {
            try relays.set(index: index, active: true)
        } catch {
            // The line may have half-changed; leaving it inactive is the safe side.
            try? relays.set(index: index, active: false)
            throw Self.unreachable(error)
        }
        // A cancelled caller may cut the pulse short, but never skips the release below.
        await sleep(configuration.pulse)
        do {
            try relays.set(index: index, active: false)
        } catch {
            throw Self.unreachable(error)
        }
    }

    private func doorState(channel: Int) throws(GPIOError) -> DoorState {
        guard let doors, channel <= doorCount else { return .unknown }
        let active = try doors.get(index: channel - 1)
        return configuration.doorPolarity.doorState(bitSet: active)
    }

    /// Waits, first come first served, until no other relay of this controller is
    /// firing.
    private func takeTurnToFire() async {
        guard firing else {
            firing = true
            return
        }
        await withCheckedContinuation { waitingToFire.append($0) }
    }

    /// Hands the turn straight to the longest waiter, so a newcomer cannot jump
    /// the queue between two pulses.
    private func passTurnToFire() {
        if waitingToFire.isEmpty {
            firing = false
        } else {
            waitingToFire.removeFirst().resume()
        }
    }

    private static func unreachable(_ error: GPIOError) -> LockControllerError {
        .unreachable(error.description, code: error.code)
    }
}
