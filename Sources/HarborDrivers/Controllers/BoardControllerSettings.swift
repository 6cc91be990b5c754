/// Settings of a controller that is one board on a lock-board bus.
public struct BoardControllerSettings: Sendable, Equatable {
    /// The board's address on the bus (DIP switch, Modbus unit id).
    public var address: Int
    /// Lock channels wired on the board, numbered from 1.
    public var channelCount: Int
    /// How the board's feedback bits map to door states (sources disagree).
    public var polarity: FeedbackPolarity
    /// How long an unlock may take to be answered (boards answer in 0.5 to 1 s).
    public var unlockTimeout: Duration
    /// How long a status query may take (boards answer in about 0.2 s).
    public var queryTimeout: Duration
    /// How long a board-sequenced open-all may take; nil derives it from the channel count.
    public var openAllTimeout: Duration?
    /// Lock pulse for boards the host times (Modbus relay board-timed pulse length).
    public var pulse: Duration
    /// Modbus relay boards: door switches wired to the board's inputs (FC02).
    public var readsDoorInputs: Bool

    public init(
        address: Int,
        channelCount: Int,
        polarity: FeedbackPolarity = .setMeansClosed,
        unlockTimeout: Duration = .milliseconds(1500),
        queryTimeout: Duration = .milliseconds(800),
        openAllTimeout: Duration? = nil,
        pulse: Duration = .milliseconds(500),
        readsDoorInputs: Bool = false
    ) {
        self.address = address
        self.channelCount = channelCount
        self.polarity = polarity
        self.unlockTimeout = unlockTimeout
        self.queryTimeout = queryTimeout
        self.openAllTimeout = openAllTimeout
        self.pulse = pulse
        self.readsDoorInputs = readsDoorInputs
    }

    /// The open-all timeout in force: a board fires its locks one after another,
    /// so allow 400 ms a channel beyond the single unlock timeout.
    public var effectiveOpenAllTimeout: Duration {
        openAllTimeout ?? unlockTimeout + .milliseconds(400) * channelCount
    }

    /// Checks the channel against the board and the protocol.
    func check(channel: Int) throws(LockControllerError) {
        guard channel >= 1, channel <= channelCount else {
            throw .channelOutOfRange(channel: channel, channelCount: channelCount)
        }
    }
}
