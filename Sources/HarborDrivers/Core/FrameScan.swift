/// The verdict of a frame scanner on the bytes at the front of a receive buffer.
///
/// Scanners are pure functions of the buffer (and of the request a reply answers);
/// the bus acts on the verdict: it drops noise one byte at a time, returns a
/// complete frame at once, and waits a quiet time only where a protocol's frame
/// length cannot be known from its bytes.
public enum FrameScan: Equatable, Sendable {
    /// The bytes so far may start a valid frame; more are needed.
    case needMore
    /// A whole frame with a valid checksum of this many bytes starts the buffer.
    case complete(length: Int)
    /// A valid frame of this many bytes starts the buffer, but the protocol allows
    /// a longer one (variable-length replies): complete it after a quiet time.
    case completeUnlessMoreFollows(length: Int)
    /// The buffer starts with a frame of this many bytes whose checksum is wrong.
    case corrupt(length: Int)
    /// The first byte cannot start the expected frame (stray bytes, a reply to
    /// someone else): drop it and scan again.
    case noise
}
