import Foundation
import Logging
import Synchronization

/// Whether a reboot request started a new reboot.
public enum RebootRequest: Sendable, Equatable {
    /// The command will run after the delay.
    case scheduled
    /// A reboot was already on its way; the command still runs only once.
    case alreadyPending
}

/// Runs the configured reboot command once per request, a moment after the
/// request was answered: `POST /system/reboot` says 202 first, then the gateway
/// goes down. Requests arriving while one is pending join it.
public final class RebootScheduler: Sendable {
    /// The command and arguments run (`rebootCommand` of the configuration).
    public let command: [String]
    /// How long after a request the command runs, so the answer leaves first.
    public let delay: Duration
    private let audit: Logger
    // Every stored property but this one is a constant; the mutable state lives in the Mutex.
    private let state = Mutex(SchedulerState())

    private struct SchedulerState {
        var pending = false
        var lastOutcome: RebootOutcome?
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// A scheduler running `command` `delay` after a request, logging on `audit`.
    public init(command: [String], delay: Duration = .milliseconds(300), audit: Logger) {
        self.command = command
        self.delay = delay
        self.audit = audit
    }

    /// Asks for a reboot and returns at once; the command runs after `delay`.
    @discardableResult
    public func requestReboot(by caller: Caller) -> RebootRequest {
        let starts = state.withLock { state in
            guard !state.pending else { return false }
            state.pending = true
            return true
        }
        guard starts else {
            audit.notice("reboot requested while one is pending", metadata: ["caller": "\(caller.auditName)"])
            return .alreadyPending
        }
        audit.notice("reboot requested", metadata: [
            "caller": "\(caller.auditName)", "command": "\(command.joined(separator: " "))",
            "delayMs": "\(Int((delay / .milliseconds(1)).rounded()))",
        ])
        Task.detached { [self] in
            try? await Task.sleep(for: delay)
            let outcome = await RebootCommand.run(command)
            finish(with: outcome)
        }
        return .scheduled
    }

    /// Whether a reboot is scheduled or its command is running.
    public var isPending: Bool { state.withLock(\.pending) }

    /// How the last run of the command ended, nil before any.
    public var lastOutcome: RebootOutcome? { state.withLock(\.lastOutcome) }

    /// Waits until no reboot is pending (at once when none is) and returns the
    /// last outcome; lets a shutdown or a test see the command through.
    public func settled() async -> RebootOutcome? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state in
                guard state.pending else { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
        return lastOutcome
    }

    private func finish(with outcome: RebootOutcome) {
        let waiting = state.withLock { state in
            state.pending = false
            state.lastOutcome = outcome
            defer { state.waiting = [] }
            return state.waiting
        }
        let metadata: Logger.Metadata = [
            "command": "\(command.joined(separator: " "))", "outcome": "\(outcome.description)",
        ]
        if outcome.succeeded {
            audit.notice("reboot command ran", metadata: metadata)
        } else {
            audit.error("reboot command failed", metadata: metadata)
        }
        for continuation in waiting { continuation.resume() }
    }
}
