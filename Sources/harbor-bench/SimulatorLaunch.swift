import Foundation

/// One `harbor-sim` process (the binary beside `harbor-bench`) serving one CU XOR
/// board on a pseudo-terminal reached through a symlink, with the byte timing of a
/// real line (`--wire-baud`) and a JSON frame log the benchmark reads wire bytes from.
struct SimulatorLaunch {
    let child: ChildProcess
    let link: String
    let frameLog: String

    /// Starts the simulator and waits until it says it is ready.
    static func start(
        board address: Int, channels: Int, baud: Int, in directory: URL, scratch: BenchScratch
    ) async throws -> SimulatorLaunch {
        let executable = try BridgeLaunch.sibling("harbor-sim")
        let link = directory.appendingPathComponent("board-\(address)").path
        let frameLog = directory.appendingPathComponent("board-\(address)-frames.jsonl").path
        let output = directory.appendingPathComponent("harbor-sim-\(address).log").path
        let child = try ChildProcess.spawn(
            executable,
            arguments: ["--board", "cu-xor:\(address):\(channels)", "--link", link, "--wire-baud", "\(baud)",
                        "--door-close-after", "1", "--frame-log", frameLog, "--quiet"],
            environment: ProcessInfo.processInfo.environment, outputPath: output)
        scratch.track(child)
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: output, encoding: .utf8), text.contains("harbor-sim: ready") {
                return SimulatorLaunch(child: child, link: link, frameLog: frameLog)
            }
            if let status = child.exitStatus() {
                throw BenchFailure("harbor-sim exited with status \(status):\n" + child.outputTail())
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BenchFailure("harbor-sim was not ready within 10 s:\n" + child.outputTail())
    }

    /// Bytes both ways on the wire (frames the board took and replies it wrote)
    /// in the frame log from byte `offset` of the file on; and the file's length.
    func wireBytes(from offset: Int) -> (bytes: Int, frames: Int, end: Int) {
        guard let data = FileManager.default.contents(atPath: frameLog) else { return (0, 0, offset) }
        guard data.count > offset else { return (0, 0, data.count) }
        var bytes = 0
        var frames = 0
        for line in data[offset...].split(separator: UInt8(ascii: "\n")) {
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let direction = entry["dir"] as? String, direction == "rx" || direction == "tx",
                  let hex = entry["hex"] as? String else { continue }
            bytes += hex.split(separator: " ").count
            frames += 1
        }
        return (bytes, frames, data.count)
    }
}
