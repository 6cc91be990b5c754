@testable import HarborDrivers

/// Frames written as hex, as the fact sheet writes them, and a bus-like scan loop.
enum FrameFixtures {
    static func hex(_ text: String) -> [UInt8] {
        Hex.bytes(text) ?? []
    }

    /// The bytes as a slice whose indices do not start at 0, as a bus buffer's do.
    static func shifted(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        ([0xEE, 0xEE, 0xEE] + bytes)[3...]
    }

    /// Scans like a bus: drops one byte per `.noise`, and returns the offsets that
    /// were noise and the first other verdict with its offset.
    static func scanPastNoise(
        _ bytes: [UInt8], _ scan: (ArraySlice<UInt8>) -> FrameScan
    ) -> (noise: [Int], verdict: FrameScan, offset: Int) {
        var noise: [Int] = []
        var offset = 0
        let buffer = shifted(bytes)
        while offset < bytes.count {
            let verdict = scan(buffer[(buffer.startIndex + offset)...])
            guard verdict == .noise else { return (noise, verdict, offset) }
            noise.append(offset)
            offset += 1
        }
        return (noise, .needMore, offset)
    }

    /// True when `body` throws `CodecError.outOfRange`.
    static func isOutOfRange<T>(_ body: () throws(CodecError) -> T) -> Bool {
        do {
            _ = try body()
            return false
        } catch {
            if case .outOfRange = error { return true }
            return false
        }
    }
}
