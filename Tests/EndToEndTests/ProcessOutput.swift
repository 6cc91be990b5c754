import Foundation
import Glibc

/// A child's output until it holds `marker`, ends, or the deadline passes. Blocks
/// the calling thread in poll(2): call it through `offThePool`.
func readOutput(_ fd: Int32, untilContains marker: String, deadline: ContinuousClock.Instant) -> String {
    var text = ""
    while !text.contains(marker), ContinuousClock.now < deadline {
        var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&watch, 1, 50) > 0 else { continue }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let got = read(fd, &chunk, chunk.count)
        if got < 0, errno == EINTR { continue }
        guard got > 0 else { break }
        text += String(decoding: chunk[0..<got], as: UTF8.self)
    }
    return text
}
