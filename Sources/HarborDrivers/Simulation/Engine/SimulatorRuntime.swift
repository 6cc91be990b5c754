import Synchronization

/// What the server's caller and the poll-loop thread share. Sendable because every
/// stored property is immutable, a Mutex or an Atomic: the non-Sendable loop (boards,
/// descriptors) sits in `loop`, which only the loop thread locks while it runs and
/// only `BoardSimulatorServer.start/stop` lock before and after.
final class SimulatorRuntime: Sendable {
    let loop: Mutex<SimulatorLoop>
    let counters = Mutex(SimulatorCounters())
    let stopRequested = Atomic<Bool>(false)
    let vanished = Atomic<Bool>(false)
    /// pthread_self() of the loop thread, 0 before it runs.
    let loopThread = Atomic<UInt>(0)
    let onFrame: @Sendable (FrameLogEntry) -> Void
    let onVanish: @Sendable () -> Void
    let onViolation: @Sendable (ViolationLogEntry) -> Void

    init(
        loop: sending SimulatorLoop,
        onFrame: @escaping @Sendable (FrameLogEntry) -> Void,
        onVanish: @escaping @Sendable () -> Void,
        onViolation: @escaping @Sendable (ViolationLogEntry) -> Void
    ) {
        self.loop = Mutex(loop)
        self.onFrame = onFrame
        self.onVanish = onVanish
        self.onViolation = onViolation
    }
}
