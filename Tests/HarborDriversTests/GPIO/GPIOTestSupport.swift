import Synchronization
@testable import HarborDrivers

/// Stands in for the pulse's sleep: records each duration asked for and, while
/// the pulse is "on", lets the test look at the chip. Suspends briefly so that
/// without the controller's turn-taking another open could slip in.
final class PulseSleeper: Sendable {
    private let durations = Mutex<[Duration]>([])
    private let onPulse: @Sendable () -> Void

    init(onPulse: @escaping @Sendable () -> Void = {}) {
        self.onPulse = onPulse
    }

    var recorded: [Duration] {
        durations.withLock { $0 }
    }

    var sleep: @Sendable (Duration) async -> Void {
        { duration in
            self.durations.withLock { $0.append(duration) }
            self.onPulse()
            try? await Task.sleep(for: .milliseconds(2))
        }
    }
}

/// A relay pulse seen on the simulated chip: the write that made a line active
/// and the one that made it inactive again.
struct ObservedPulse {
    var offset: Int
    var start: ContinuousClock.Instant
    var end: ContinuousClock.Instant
}

extension SimulatedGPIOChip {
    /// Pairs each activating write with the next write, which must release the
    /// same line; `nil` when the writes do not alternate like that.
    var pulses: [ObservedPulse]? {
        let writes = self.writes
        guard writes.count.isMultiple(of: 2) else { return nil }
        var pulses: [ObservedPulse] = []
        for pair in stride(from: 0, to: writes.count, by: 2) {
            let on = writes[pair]
            let off = writes[pair + 1]
            guard on.active, !off.active, on.offset == off.offset else { return nil }
            pulses.append(ObservedPulse(offset: on.offset, start: on.at, end: off.at))
        }
        return pulses
    }
}
