/// What the gateway knows about one door.
public enum DoorState: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case closed
    /// The board did not answer, the answer made no sense, or no sensor is wired.
    case unknown
}
