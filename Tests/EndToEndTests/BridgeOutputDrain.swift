import Foundation
import Glibc
import Synchronization

/// What a bridge wrote after its ready line, collected while it runs.
final class BridgeOutputDrain: Sendable {
    let text = Mutex("")
}

extension BridgeProcess {
    /// Reads the bridge's output on a thread of its own until it exits, so a
    /// bridge that logs hundreds of audit lines under load never blocks on a
    /// full pipe (`BridgeProcess` stops reading at its ready line).
    @discardableResult
    func keepDrainingOutput() -> BridgeOutputDrain {
        let drain = BridgeOutputDrain()
        let thread = Thread { [self] in
            let fd = output.fileDescriptor
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&watch, 1, 200)
                if ready == 0 {
                    if process.isRunning { continue } else { break }
                }
                if ready < 0 { if errno == EINTR { continue } else { break } }
                let got = read(fd, &chunk, chunk.count)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                let text = String(decoding: chunk[0..<got], as: UTF8.self)
                drain.text.withLock { $0 += text }
            }
        }
        thread.name = "harbor-test-bridge-output"
        thread.start()
        return drain
    }
}
