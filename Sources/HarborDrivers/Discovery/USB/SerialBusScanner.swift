/// Finds the lock boards on serial lines: opens each line at each protocol's
/// baud rate and reads the status of every address through the protocol's own
/// controller. A board is counted only when its answer decodes.
///
/// Lines are scanned side by side, protocols on one line one after another. The
/// scan stops probing at `timeLimit` (overrunning by at most one probe) and says
/// which lines it left unfinished. A line that cannot be opened is a failure of
/// that line, never of the scan. A line the gateway holds open reads as busy.
public struct SerialBusScanner: Sendable {
    /// The protocols to try, in order.
    public var protocols: [LockBoardProtocol]
    /// How long each address may take to answer its status read.
    public var probeTimeout: Duration
    /// When the whole scan stops probing.
    public var timeLimit: Duration
    /// Addresses to probe per protocol instead of its whole range (a technician
    /// who knows the DIP switches saves the 247 Modbus units); kept within the range.
    public var addressRanges: [LockBoardProtocol: ClosedRange<Int>]
    /// Silences the bus keeps between probes.
    public var timing: BusTiming

    /// A scanner; by default every protocol, every address, 100 ms per probe.
    public init(
        protocols: [LockBoardProtocol] = LockBoardProtocol.allCases,
        probeTimeout: Duration = .milliseconds(100),
        timeLimit: Duration = .seconds(60),
        addressRanges: [LockBoardProtocol: ClosedRange<Int>] = [:],
        timing: BusTiming = BusTiming()
    ) {
        self.protocols = protocols
        self.probeTimeout = probeTimeout
        self.timeLimit = timeLimit
        self.addressRanges = addressRanges
        self.timing = timing
    }

    /// The addresses probed for a protocol.
    public func addresses(for boardProtocol: LockBoardProtocol) -> [Int] {
        let wanted = addressRanges[boardProtocol] ?? boardProtocol.addressRange
        return wanted.filter { boardProtocol.addressRange.contains($0) }
    }

    /// Scans the lines of enumerated adapters (opened by their by-id link).
    public func scan(adapters: [USBSerialAdapter]) async -> SerialBusScanReport {
        await scan(adapters.map(SerialScanTarget.init(adapter:)))
    }

    /// Scans lines given by path.
    public func scan(paths: [String]) async -> SerialBusScanReport {
        await scan(paths.map(SerialScanTarget.init(path:)))
    }

    /// Scans the targets; a line listed twice is scanned once.
    public func scan(_ targets: [SerialScanTarget]) async -> SerialBusScanReport {
        var seen: Set<String> = []
        let unique = targets.filter { seen.insert($0.openPath).inserted }
        let deadline = ContinuousClock.now + timeLimit
        let outcomes = await withTaskGroup(of: (Int, LineScanOutcome).self) { group in
            for (index, target) in unique.enumerated() {
                group.addTask { (index, await scanLine(target, deadline: deadline)) }
            }
            var outcomes: [(Int, LineScanOutcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var report = SerialBusScanReport()
        for outcome in outcomes {
            report.boards += outcome.boards
            if let failure = outcome.failure { report.failures.append(failure) }
            if outcome.unfinished { report.unfinishedDevices.append(outcome.device) }
        }
        return report
    }

    private struct LineScanOutcome: Sendable {
        var device: String
        var boards: [ScannedBoard] = []
        var failure: SerialScanFailure?
        var unfinished = false
    }

    private func scanLine(_ target: SerialScanTarget, deadline: ContinuousClock.Instant) async -> LineScanOutcome {
        var outcome = LineScanOutcome(device: target.device)
        for boardProtocol in protocols where !addresses(for: boardProtocol).isEmpty {
            guard ContinuousClock.now < deadline, !Task.isCancelled else {
                outcome.unfinished = true
                break
            }
            let transport = SerialTransport(path: target.openPath, baudRate: boardProtocol.defaultBaudRate)
            do {
                try await transport.open()
            } catch {
                outcome.failure = SerialScanFailure(
                    device: target.device, boardProtocol: boardProtocol, code: error.code, message: error.description)
                break
            }
            let bus = LockBoardBus(transport: transport, timing: timing)
            let stop = await probe(boardProtocol, on: bus, target: target, deadline: deadline, into: &outcome)
            await bus.close()
            if stop { break }
        }
        return outcome
    }

    /// Probes every address of one protocol; true when the line must be given up
    /// (it failed, or time ran out).
    private func probe(
        _ boardProtocol: LockBoardProtocol, on bus: LockBoardBus, target: SerialScanTarget,
        deadline: ContinuousClock.Instant, into outcome: inout LineScanOutcome
    ) async -> Bool {
        for address in addresses(for: boardProtocol) {
            guard ContinuousClock.now < deadline, !Task.isCancelled else {
                outcome.unfinished = true
                return true
            }
            let settings = BoardControllerSettings(
                address: address, channelCount: boardProtocol.defaultChannelCount, queryTimeout: probeTimeout)
            let controller = BoardControllers.make(boardProtocol, bus: bus, settings: settings)
            do {
                _ = try await controller.readDoorStates()
                outcome.boards.append(ScannedBoard(target: target, boardProtocol: boardProtocol, address: address))
            } catch let .unreachable(why, code) {
                // The device itself failed (pulled out, I/O error): no use probing on.
                outcome.failure = SerialScanFailure(
                    device: target.device, boardProtocol: boardProtocol, code: code, message: why)
                return true
            } catch {
                // Silence, or bytes that are no answer in this protocol: no board here.
                continue
            }
        }
        return false
    }
}
