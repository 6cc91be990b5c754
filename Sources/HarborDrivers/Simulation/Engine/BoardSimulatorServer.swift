import Dispatch
import Foundation
import Glibc
import Synchronization

/// Serves one `SimulatedLine` on a pseudo-terminal and/or a TCP port, so drivers,
/// the bench tool and end-to-end tests talk to simulated boards as to real ones.
///
/// The I/O runs on one dedicated thread in a poll(2) loop, off Swift's cooperative
/// pool. Replies are written when due (latency, wire pacing). Every frame goes to
/// `onFrame` (on the loop thread) and to the optional JSON-lines frame log.
public final class BoardSimulatorServer: Sendable {
    private enum Lifecycle {
        case idle
        case running(wake: WakePipe, finished: DispatchSemaphore)
        case stopped
    }

    /// Where the server was asked to serve.
    public let options: SimulatorServerOptions
    private let runtime: SimulatorRuntime
    private let lifecycle = Mutex(Lifecycle.idle)
    private let openedEndpoints = Mutex(SimulatorEndpoints())

    /// A server for `line`. `onFrame`, `onVanish` and `onViolation` run on the
    /// loop thread and must return quickly; they may call `stop()`, which then
    /// does not wait. `onViolation` hears of every `LineViolation` the host commits
    /// (it also goes to the frame log).
    public init(
        line: sending SimulatedLine,
        options: SimulatorServerOptions = SimulatorServerOptions(),
        onFrame: @escaping @Sendable (FrameLogEntry) -> Void = { _ in },
        onVanish: @escaping @Sendable () -> Void = {},
        onViolation: @escaping @Sendable (ViolationLogEntry) -> Void = { _ in }
    ) {
        self.options = options
        runtime = SimulatorRuntime(
            loop: SimulatorLoop(line: line), onFrame: onFrame, onVanish: onVanish, onViolation: onViolation)
    }

    deinit {
        stop()
    }

    /// Opens the endpoints and starts the loop thread. Throws, having opened
    /// nothing, when an endpoint cannot be made.
    public func start() throws(SimulatorServerError) {
        let runtime = runtime
        let options = options
        let endpoints = try lifecycle.withLock { state throws(SimulatorServerError) -> SimulatorEndpoints in
            guard case .idle = state else { throw .alreadyStarted }
            let wake = try WakePipe.make()
            let endpoints: SimulatorEndpoints
            do throws(SimulatorServerError) {
                endpoints = try runtime.loop.withLock { loop throws(SimulatorServerError) in
                    try loop.open(options, wake: wake)
                }
            } catch {
                wake.close()
                throw error
            }
            let finished = DispatchSemaphore(value: 0)
            let thread = Thread {
                runtime.loopThread.store(UInt(pthread_self()), ordering: .releasing)
                runtime.loop.withLock { $0.run(runtime) }
                finished.signal()
            }
            thread.name = "harbor-sim-line"
            thread.start()
            state = .running(wake: wake, finished: finished)
            return endpoints
        }
        openedEndpoints.withLock { $0 = endpoints }
    }

    /// Where clients reach the simulator (empty before `start()`).
    public var endpoints: SimulatorEndpoints {
        openedEndpoints.withLock { $0 }
    }

    /// What the simulator has done so far.
    public var counters: SimulatorCounters {
        runtime.counters.withLock { $0 }
    }

    /// The line vanished (`SimulatorFaults.vanishAfterFrames`) and everything is closed.
    public var hasVanished: Bool {
        runtime.vanished.load(ordering: .acquiring)
    }

    /// Closes every endpoint, removes the link and joins the loop thread. Stopping
    /// twice, or a server never started, does nothing; a stopped server stays stopped.
    public func stop() {
        runtime.stopRequested.store(true, ordering: .releasing)
        if runtime.loopThread.load(ordering: .acquiring) == UInt(pthread_self()) {
            // Called from onFrame/onVanish: the loop ends when the callback returns.
            return
        }
        lifecycle.withLock { state in
            guard case let .running(wake, finished) = state else {
                state = .stopped
                return
            }
            wake.nudge()
            finished.wait()
            wake.close()
            state = .stopped
        }
    }
}
