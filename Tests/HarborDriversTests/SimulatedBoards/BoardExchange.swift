import Testing
@testable import HarborDrivers

/// Sends host-encoded frames to a simulated board the way the simulator does:
/// the board's scanner must frame the bytes whole before it handles them.
enum BoardExchange {
    static let start = ContinuousClock.now

    static func at(seconds: Double) -> ContinuousClock.Instant {
        start + .milliseconds(Int(seconds * 1000))
    }

    static func send(
        _ frame: [UInt8], to board: any SimulatedBoard, at now: ContinuousClock.Instant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> BoardResponse? {
        let buffer = FrameFixtures.shifted(frame)
        #expect(board.scanCommand(buffer) == .complete(length: frame.count), sourceLocation: sourceLocation)
        return board.handle(buffer, at: now)
    }
}
