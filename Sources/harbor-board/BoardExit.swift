import HarborDrivers

/// Exit statuses scripts switch on.
enum BoardExit: Int32 {
    case success = 0
    case usage = 2
    case noReply = 3
    case transportFailure = 4
    case badReply = 5

    /// The exit status a controller failure stands for.
    init(_ error: LockControllerError) {
        switch error {
        case .channelOutOfRange: self = .usage
        case .outcomeUnknown, .noReply: self = .noReply
        case .unreachable: self = .transportFailure
        case .invalidReply: self = .badReply
        }
    }
}
