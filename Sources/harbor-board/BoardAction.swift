/// What the technician asked for, parsed from the words after the options.
enum BoardAction: Equatable {
    case open(lock: Int)
    case openAll
    case status(lock: Int?)
    case scan

    /// Parses `open LOCK`, `open-all`, `status [LOCK]` or `scan`; nil explains nothing,
    /// the caller prints usage.
    init?(words: [String]) {
        switch words.first {
        case "open":
            guard words.count == 2, let lock = Int(words[1]) else { return nil }
            self = .open(lock: lock)
        case "open-all":
            guard words.count == 1 else { return nil }
            self = .openAll
        case "status":
            switch words.count {
            case 1: self = .status(lock: nil)
            case 2:
                guard let lock = Int(words[1]) else { return nil }
                self = .status(lock: lock)
            default: return nil
            }
        case "scan":
            guard words.count == 1 else { return nil }
            self = .scan
        default:
            return nil
        }
    }
}
