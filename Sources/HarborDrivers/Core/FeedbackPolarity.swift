/// How a board's feedback bit (or CU status byte) maps to a door state.
///
/// Public sources disagree on the wiring of the feedback switch, so this is a
/// per-controller setting and never a guess baked into a codec.
public enum FeedbackPolarity: String, Sendable, Hashable, Codable, CaseIterable {
    /// A set bit (CU status `0x11`) means the door is closed and locked. Most sources.
    case setMeansClosed = "set-closed"
    /// A set bit means the door is open.
    case setMeansOpen = "set-open"

    /// The door state a feedback bit stands for under this polarity.
    public func doorState(bitSet: Bool) -> DoorState {
        switch self {
        case .setMeansClosed: bitSet ? .closed : .open
        case .setMeansOpen: bitSet ? .open : .closed
        }
    }

    /// The feedback bit a board reports for a door state under this polarity.
    public func bit(for state: DoorState) -> Bool {
        switch self {
        case .setMeansClosed: state == .closed
        case .setMeansOpen: state == .open
        }
    }
}
