import Foundation

/// Puts the controllers a gateway starts with into the store: those declared in
/// the configuration that the store does not hold yet (matched by connection and
/// address) and, for `--simulate` with nothing declared and nothing stored, a
/// simulated cabinet. Controllers added through the API stay as they are.
enum CabinetBootstrap {
    static func seed(
        _ store: HarborStore, configuration: BridgeConfiguration
    ) async throws(StoreError) -> [String] {
        var notes: [String] = []
        let existing = try await store.controllers()
        for declaration in configuration.controllers {
            let record = declaration.record(defaultName: "\(declaration.kind) \(declaration.boardProtocol)")
            guard !existing.contains(where: { $0.sameHardware(as: record) }) else { continue }
            let (stored, lockers) = try await store.insertController(record, lockerCount: declaration.lockerCount)
            notes.append("added declared controller \(stored.id) (\(stored.name)) with \(lockers.count) lockers")
        }
        if configuration.controllers.isEmpty, configuration.simulate, existing.isEmpty {
            // One transaction: a crash during the first start never leaves half a cabinet
            // (the cabinet is only built while the store is empty).
            let boards = (1...configuration.simulatedBoards).map { board in
                (record: ControllerRecord(
                    name: "Simulated board \(board)", kind: "simulated", boardProtocol: "simulated", address: board),
                 lockerCount: configuration.simulatedLockersPerBoard)
            }
            for (stored, lockers) in try await store.insertControllers(boards) {
                notes.append("added simulated controller \(stored.id) with \(lockers.count) lockers")
            }
        }
        return notes
    }
}

extension ControllerDeclaration {
    /// The record the store keeps for this declaration.
    func record(defaultName: String) -> ControllerRecord {
        ControllerRecord(
            name: name ?? defaultName, kind: kind, boardProtocol: boardProtocol, device: device,
            baudRate: baudRate, host: host, port: port, address: address, chip: chip, lines: lines,
            doorLines: doorLines, activeLow: activeLow ?? false, pulseMs: pulseMs,
            feedbackPolarity: (feedbackPolarity ?? .setMeansClosed).rawValue, serial: serial)
    }
}

extension ControllerRecord {
    /// Whether two records name the same board: same kind, connection and address.
    func sameHardware(as other: ControllerRecord) -> Bool {
        kind == other.kind && device == other.device && host == other.host && port == other.port
            && address == other.address && chip == other.chip && lines == other.lines
    }
}
