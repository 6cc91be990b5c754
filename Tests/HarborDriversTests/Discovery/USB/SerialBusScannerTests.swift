import Testing
@testable import HarborDrivers

/// The serial bus scan against simulated boards served on a pseudo-terminal, the
/// way a USB-RS485 adapter presents them.
@Suite struct SerialBusScannerTests {
    /// A simulator serving these boards on a fresh pty.
    private func simulator(_ boards: [(LockBoardProtocol, Int)]) throws -> BoardSimulatorServer {
        let line = SimulatedLine(boards: boards.map { boardProtocol, address in
            SimulatedBoards.make(
                protocol: boardProtocol, address: address, channelCount: boardProtocol.defaultChannelCount)
        })
        let server = BoardSimulatorServer(line: line)
        try server.start()
        return server
    }

    /// Every protocol; the whole CU XOR range, the first addresses of the others
    /// (their whole ranges add nothing here but seconds of silence).
    private let everyProtocol = SerialBusScanner(
        addressRanges: [.kerongCU16: 0...5, .kerongCU48: 0...5, .modbusRelay: 1...6])

    @Test func findsTheCUBoardsAtOneAndThreeAndNothingElse() async throws {
        let server = try simulator([(.cuXor, 1), (.cuXor, 3)])
        defer { server.stop() }
        let pty = try #require(server.endpoints.pseudoTerminalPath)
        let report = await everyProtocol.scan(paths: [pty])
        #expect(report.boards.map { "\($0.boardProtocol.rawValue):\($0.address)" } == ["cu-xor:1", "cu-xor:3"])
        #expect(report.boards.allSatisfy { $0.device == pty && $0.vendorId == nil })
        #expect(report.isComplete)
    }

    @Test func eachProtocolFindsItsOwnBoardOnASharedLine() async throws {
        let server = try simulator([(.cuXor, 2), (.kerongCU16, 4), (.modbusRelay, 5)])
        defer { server.stop() }
        let scanner = SerialBusScanner(
            addressRanges: [.cuXor: 1...5, .kerongCU16: 0...5, .kerongCU48: 0...5, .modbusRelay: 1...6])
        let report = await scanner.scan(paths: [try #require(server.endpoints.pseudoTerminalPath)])
        #expect(report.boards.map { "\($0.boardProtocol.rawValue):\($0.address)" }
            == ["cu-xor:2", "kerong-cu16:4", "modbus-relay:5"])
    }

    @Test func anAdapterThatCannotBeOpenedFailsAloneAndCarriesItsIds() async throws {
        let server = try simulator([(.cuXor, 2)])
        defer { server.stop() }
        let pty = try #require(server.endpoints.pseudoTerminalPath)
        let pulled = USBSerialAdapter(
            devnode: "/dev/ttyUSB9", byIdPath: "/dev/serial/by-id/usb-harbor-test-missing-if00-port0",
            vendorId: "1a86", productId: "7523")
        let onPty = USBSerialAdapter(devnode: pty, vendorId: "10c4", productId: "ea60")
        let scanner = SerialBusScanner(protocols: [.cuXor], addressRanges: [.cuXor: 1...3])
        let report = await scanner.scan(adapters: [pulled, onPty])
        #expect(report.failures == [SerialScanFailure(
            device: "/dev/ttyUSB9", boardProtocol: .cuXor, code: "DEVICE_NOT_FOUND",
            message: "no device at /dev/serial/by-id/usb-harbor-test-missing-if00-port0")])
        #expect(report.boards == [ScannedBoard(target: SerialScanTarget(adapter: onPty), boardProtocol: .cuXor, address: 2)])
        #expect(report.boards.first?.vendorId == "10c4")
        #expect(!report.isComplete && report.unfinishedDevices.isEmpty)
    }

    @Test func aLineHeldByTheGatewayReadsAsBusy() async throws {
        let server = try simulator([(.cuXor, 1)])
        defer { server.stop() }
        let pty = try #require(server.endpoints.pseudoTerminalPath)
        let held = SerialTransport(path: pty, baudRate: 9600)
        try await held.open()
        let report = await SerialBusScanner(protocols: [.cuXor]).scan(paths: [pty])
        await held.close()
        #expect(report.failures.map(\.code) == ["DEVICE_BUSY"])
        #expect(report.boards.isEmpty)
    }

    @Test func theTimeLimitStopsTheScanAndSaysWhere() async throws {
        let server = try simulator([(.cuXor, 1)])
        defer { server.stop() }
        let pty = try #require(server.endpoints.pseudoTerminalPath)
        let scanner = SerialBusScanner(timeLimit: .milliseconds(400))
        let started = ContinuousClock.now
        let report = await scanner.scan(paths: [pty])
        // A full scan of every address would take over 30 s; the limit plus one
        // probe and the line's close is what it may overrun by.
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(report.unfinishedDevices == [pty])
        #expect(report.boards.map(\.address) == [1])
    }

    @Test func addressRangesStayWithinWhatTheProtocolExpresses() {
        let scanner = SerialBusScanner(addressRanges: [.cuXor: 30...40, .kerongCU16: 20...30])
        #expect(scanner.addresses(for: .cuXor) == [30, 31])
        #expect(scanner.addresses(for: .kerongCU16).isEmpty)
        #expect(scanner.addresses(for: .modbusRelay).count == 247)
    }
}
