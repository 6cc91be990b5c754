/// What a `SimulatedLine` did with the bytes it was given, in order.
public enum LineEvent: Equatable, Sendable {
    /// A board accepted a whole command frame (and fired any locks it names).
    case frameReceived(ReceivedFrame)
    /// A reply is to be written on the connection the command came from.
    case replyScheduled(ScheduledReply)
    /// A board answered, but a fault keeps the answer off the wire.
    case replyWithheld(WithheldReply)
    /// Bytes that formed no command for any board on the line.
    case frameDropped(DroppedBytes)
    /// The line is gone (`SimulatorFaults.vanishAfterFrames`): close it, answer nothing.
    case lineVanished
}

/// A command frame a board took.
public struct ReceivedFrame: Equatable, Sendable {
    /// The frame as it arrived.
    public var bytes: [UInt8]
    /// Address of the board that took it.
    public var board: Int
    /// The protocol of that board.
    public var boardProtocol: LockBoardProtocol
    /// The board's own words for the command ("open board 1 lock 1").
    public var summary: String
    /// Lock channels the command fired.
    public var firedChannels: [Int]
    /// The frame arrived before the board's reply to the previous frame on its
    /// connection had left the wire: on RS485 the two would have collided.
    public var overlapsReply = false
}

/// Reply bytes and when they go on the wire.
public struct ScheduledReply: Equatable, Sendable {
    /// Address of the answering board.
    public var board: Int
    /// Every byte for the wire: injected noise first, then the (maybe corrupted) reply.
    public var bytes: [UInt8]
    /// What the reply answers, for logs.
    public var summary: String
    /// When the board starts to transmit.
    public var due: ContinuousClock.Instant
    /// Wire time of one byte when the line is paced; nil sends everything at `due`.
    public var byteTime: Duration?

    /// The instant byte `index` has fully arrived and may be handed to the client.
    public func dueTime(ofByte index: Int) -> ContinuousClock.Instant {
        guard let byteTime else { return due }
        return due + byteTime * (index + 1)
    }

    /// When the last byte has arrived: the wire is free again.
    public var finished: ContinuousClock.Instant {
        dueTime(ofByte: max(bytes.count - 1, 0))
    }
}

/// A reply a board produced that a fault kept off the wire.
public struct WithheldReply: Equatable, Sendable {
    /// Why the reply is not sent.
    public enum Reason: String, Equatable, Sendable {
        /// The board is in `SimulatorFaults.silentAddresses`.
        case silentBoard = "silent board"
        /// `SimulatorFaults.dropEveryNthReply` picked this reply.
        case droppedReply = "dropped reply"
    }

    /// Address of the board that answered.
    public var board: Int
    /// The reply the board would have sent.
    public var bytes: [UInt8]
    /// What the reply answers, for logs.
    public var summary: String
    public var reason: Reason
}

/// Bytes the line threw away, and why.
public struct DroppedBytes: Equatable, Sendable {
    /// Why bytes were dropped. Real boards stay silent in every case.
    public enum Reason: String, Equatable, Sendable {
        /// No board's scanner accepts these bytes as the start of a command.
        case noise
        /// A whole frame whose checksum is wrong.
        case badChecksum = "bad checksum"
        /// The start of a frame whose rest never came (silence ended it).
        case stalePartialFrame = "stale partial frame"
        /// A valid frame, but no board on the line takes it (absent address).
        case noBoardAnswered = "no board at that address"
    }

    public var bytes: [UInt8]
    public var reason: Reason
}
