import HarborDrivers

/// The checks a controller declaration passes before it reaches the store: the
/// declaration's own `validate()`, then what the runtime would refuse to build
/// (simulated boards' ranges, GPIO line lists), each failure naming its field.
enum ControllerRules {
    /// Most lockers one controller may have through the admin API.
    static let maximumLockers = 64
    /// Longest serial (the document allows 128 in answers).
    static let maximumSerialLength = 100

    /// Throws VALIDATION_FAILED with the offending field.
    static func check(_ declaration: ControllerDeclaration) throws(GatewayError) {
        do {
            try declaration.validate()
        } catch {
            throw .validation(field: error.field, error.description)
        }
        // Length and line breaks were checked by `validate()`; the admin API also
        // refuses a name that is only blanks.
        if let name = declaration.name, name.allSatisfy(\.isWhitespace) {
            throw .validation(
                field: "name", "name must be one line of 1...\(ControllerDeclaration.maximumNameLength) characters")
        }
        if let serial = declaration.serial, serial.isEmpty || serial.count > maximumSerialLength {
            throw .validation(field: "serial", "serial must be 1...\(maximumSerialLength) characters")
        }
        switch declaration.kind {
        case "simulated": try checkSimulated(declaration)
        case "gpio": try checkLines(declaration)
        default: break
        }
        // Whatever the runtime still refuses would leave the controller dead on arrival.
        let record = declaration.record(defaultName: "new controller")
        do {
            _ = try ControllerBlueprint(record: record, channelCount: declaration.lockerCount)
        } catch {
            // No single field is to blame: the pointer names the whole request.
            throw GatewayError("VALIDATION_FAILED", error.description, details: ["field": ""])
        }
    }

    /// The most lockers a controller's hardware can drive: its protocol's channels,
    /// or its GPIO lines, capped at `maximumLockers`.
    static func channelLimit(of record: ControllerRecord) -> Int {
        let hardware: Int = switch record.kind {
        case "gpio": record.lines?.count ?? 0
        case "simulated": simulatedBoard(record.boardProtocol).channelRange.upperBound
        default: LockBoardProtocol(rawValue: record.boardProtocol)?.channelRange.upperBound ?? 0
        }
        return min(hardware, maximumLockers)
    }

    /// The board a simulated controller stands for (`simulated` is a CU XOR board).
    static func simulatedBoard(_ boardProtocol: String) -> LockBoardProtocol {
        LockBoardProtocol(rawValue: boardProtocol) ?? .cuXor
    }

    /// Patch fields that make no sense for the controller's kind are refused
    /// rather than stored unused.
    static func checkPatchFields(_ patch: ControllerPatch, kind: String) throws(GatewayError) {
        let common: Set<String> = ["name", "pulseMs", "feedbackPolarity"]
        let own: Set<String> = switch kind {
        case "serial": ["device", "baudRate", "address"]
        case "tcp": ["host", "port", "address"]
        case "gpio": ["lines", "doorLines", "activeLow"]
        default: ["address"]
        }
        if let foreign = patch.fieldsSet.first(where: { !common.contains($0) && !own.contains($0) }) {
            throw .validation(field: foreign, "\(foreign) does not apply to a \(kind) controller")
        }
    }

    private static func checkSimulated(_ declaration: ControllerDeclaration) throws(GatewayError) {
        let board = simulatedBoard(declaration.boardProtocol)
        if let address = declaration.address, !board.addressRange.contains(address) {
            throw .validation(
                field: "address",
                "address must be within \(board.addressRange.lowerBound)...\(board.addressRange.upperBound) for a simulated board")
        }
        let most = min(board.channelRange.upperBound, maximumLockers)
        guard declaration.lockerCount <= most else {
            throw .validation(field: "lockerCount", "lockerCount must be within 1...\(most) for a simulated board")
        }
    }

    private static func checkLines(_ declaration: ControllerDeclaration) throws(GatewayError) {
        let lines = declaration.lines ?? []
        let doorLines = declaration.doorLines ?? []
        guard lines.allSatisfy({ !$0.isEmpty }) else { throw .validation(field: "lines", "lines must not be empty") }
        guard doorLines.allSatisfy({ !$0.isEmpty }) else {
            throw .validation(field: "doorLines", "doorLines must not be empty")
        }
        // One line cannot drive two relays, nor be a relay and a door switch at once.
        var seen = Set<GPIOLineSelector>()
        for (field, line) in lines.map({ ("lines", $0) }) + doorLines.map({ ("doorLines", $0) }) {
            guard seen.insert(GPIOLineSelector(line)).inserted else {
                throw .validation(field: field, "line \(line) is named twice")
            }
        }
    }
}

extension ControllerDeclaration {
    /// The declaration a stored controller stands for, with `lockerCount` lockers.
    init(record: ControllerRecord, lockerCount: Int) {
        self.init(
            name: record.name, kind: record.kind, boardProtocol: record.boardProtocol, lockerCount: lockerCount,
            device: record.device, baudRate: record.baudRate, address: record.address, host: record.host,
            port: record.port, chip: record.chip, lines: record.lines, doorLines: record.doorLines,
            activeLow: record.activeLow, pulseMs: record.pulseMs,
            feedbackPolarity: FeedbackPolarity(rawValue: record.feedbackPolarity), serial: record.serial)
    }
}
