@testable import HarborBridge
import Testing

/// What an open that failed in the hardware tells the client in `details.outcome`:
/// `unknown` whenever the board may have fired the lock (no reply, a garbled
/// reply), `failed` only when nothing reached it.
@Suite struct HardwareFailureAnswerTests {
    @Test(arguments: [
        (HardwareError.timeout(outcomeUnknown: true), "HARDWARE_TIMEOUT", "unknown"),
        (.badReply("bad checksum in 8A 01 01 00 75"), "HARDWARE_BAD_REPLY", "unknown"),
        (.unreachable("/dev/ttyUSB0 went away", cause: "DEVICE_VANISHED"), "CONTROLLER_UNREACHABLE", "failed"),
        (.deviceNotFound("no device at /dev/ttyUSB0"), "CONTROLLER_UNREACHABLE", "failed"),
    ])
    func outcomeIsUnknownWheneverTheBoardMayHaveFired(error: HardwareError, code: String, outcome: String) {
        let answer = GatewayError(error, lockerId: 5)
        #expect(answer.code == code)
        #expect(answer.details["outcome"] == outcome)
        #expect(answer.details["lockerId"] == "5")
    }
}
