/// The `outcome` label of `harbor_opens_total`.
public enum OpenOutcomeLabel: String, Sendable, CaseIterable {
    /// The controller answered the unlock.
    case opened
    /// The unlock went out and no reply came: the lock may or may not have fired.
    case unknown
    /// The hardware could not be reached (device missing, bus down, controller
    /// still starting, no reply to a request that was never sent).
    case failed
    /// Nothing was fired because the request could not be carried out as asked:
    /// no such locker or controller, a channel the board lacks, an invalid
    /// controller, or a board that answered with a refusal.
    case refused

    /// The label of an open that threw `error`.
    public init(_ error: HardwareError) {
        switch error {
        case .timeout(outcomeUnknown: true): self = .unknown
        case .timeout(outcomeUnknown: false), .unreachable, .deviceNotFound: self = .failed
        case .lockerNotFound, .controllerNotFound, .invalidController, .channelOutOfRange, .badReply: self = .refused
        }
    }
}
