/// What the simulator's frame log says about the wire.
struct WireRecord {
    /// rx and tx frames in the order the simulator's single loop thread logged them.
    var frames: [(dir: String, board: Int?, hex: String, fired: [Int])] = []

    init(_ entries: [[String: Any]]) {
        for entry in entries {
            guard let dir = entry["dir"] as? String, dir == "rx" || dir == "tx" else { continue }
            frames.append((dir, entry["board"] as? Int, entry["hex"] as? String ?? "", entry["fired"] as? [Int] ?? []))
        }
    }

    /// Unlock commands the boards took, per board and channel.
    var unlocks: [CabinetLayout.Place: Int] {
        var counts: [CabinetLayout.Place: Int] = [:]
        for frame in frames where frame.dir == "rx" {
            for channel in frame.fired {
                counts[CabinetLayout.Place(address: frame.board ?? -1, channel: channel), default: 0] += 1
            }
        }
        return counts
    }

    /// Places where the strict command/reply alternation of a half-duplex bus
    /// breaks: a command before the previous one's reply, or a reply to no
    /// command or to another board. Empty on a line whose boards all answer.
    var alternationBreaks: [Int] {
        var breaks: [Int] = []
        var awaiting: (board: Int?, index: Int)?
        for (index, frame) in frames.enumerated() {
            if frame.dir == "rx" {
                if awaiting != nil { breaks.append(index) }
                awaiting = (frame.board, index)
            } else {
                let answersTheCommand = awaiting.map { $0.board == frame.board } ?? false
                if !answersTheCommand { breaks.append(index) }
                awaiting = nil
            }
        }
        return breaks
    }
}
