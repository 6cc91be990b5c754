import Foundation
import HarborDrivers

extension HarborBoard {
    /// Runs the command and returns the exit status; every outcome is printed.
    func execute() async -> BoardExit {
        guard let action = BoardAction(words: words) else {
            return usage("COMMAND must be one of: open LOCK, open-all, status [LOCK], scan")
        }
        let endpoint: ControllerEndpoint
        switch (device, host, port) {
        case let (device?, nil, nil):
            endpoint = .serial(path: device, baudRate: baud ?? boardProtocol.defaultBaudRate)
        case let (nil, host?, port?):
            guard (1...65535).contains(port) else { return usage("--port must be 1...65535") }
            endpoint = .tcp(host: host, port: port)
        default:
            return usage("give either --device PATH or --host H --port P")
        }
        let channelCount = locks ?? boardProtocol.defaultChannelCount
        guard boardProtocol.channelRange.contains(channelCount) else {
            return usage("--locks must be within \(boardProtocol.channelRange) for \(boardProtocol.rawValue)")
        }
        if let timeout, !(timeout > 0 && timeout <= 600) {
            return usage("--timeout must be a number of seconds above 0")
        }
        let bus = LockBoardBus(transport: endpoint.makeTransport())
        let exit = await run(action, on: bus, channelCount: channelCount)
        await bus.close()
        return exit
    }

    private func run(_ action: BoardAction, on bus: LockBoardBus, channelCount: Int) async -> BoardExit {
        let report = BoardReport(json: json)
        if action == .scan {
            return await scan(bus: bus, channelCount: channelCount, report: report)
        }
        guard let address else { return usage("--address is required for this command") }
        guard boardProtocol.addressRange.contains(address) else {
            return usage("--address must be within \(boardProtocol.addressRange) for \(boardProtocol.rawValue)")
        }
        let controller = BoardControllers.make(
            boardProtocol, bus: bus, settings: settings(address: address, channelCount: channelCount))
        do {
            switch action {
            case let .open(lock):
                report.opened(try await controller.open(channel: lock))
            case .openAll:
                report.openedAll(try await controller.openAll(), address: address)
            case let .status(lock?):
                report.states([(lock, try await controller.readDoorState(channel: lock))])
            case .status(nil):
                let states = try await controller.readDoorStates()
                report.states(states.enumerated().map { ($0.offset + 1, $0.element) })
            case .scan:
                break
            }
            return .success
        } catch {
            report.failure(error, lock: action.lock)
            return BoardExit(error)
        }
    }

    private func settings(address: Int, channelCount: Int) -> BoardControllerSettings {
        let wait = Duration.milliseconds(Int((timeout ?? 1.5) * 1000))
        return BoardControllerSettings(
            address: address, channelCount: channelCount, polarity: polarity,
            unlockTimeout: wait, queryTimeout: wait,
            openAllTimeout: timeout.map { _ in wait },
            pulse: .milliseconds(pulseMs), readsDoorInputs: doorInputs)
    }

    /// Asks every address the protocol allows for its status; lists those that answer.
    private func scan(bus: LockBoardBus, channelCount: Int, report: BoardReport) async -> BoardExit {
        var found: [Int] = []
        for address in boardProtocol.addressRange {
            var settings = settings(address: address, channelCount: channelCount)
            settings.queryTimeout = .milliseconds(Int((timeout ?? 0.3) * 1000))
            let controller = BoardControllers.make(boardProtocol, bus: bus, settings: settings)
            do {
                _ = try await controller.readDoorStates()
                found.append(address)
            } catch .unreachable(let why, let code) {
                report.failure(.unreachable(why, code: code), lock: nil)
                return .transportFailure
            } catch {
                continue  // silence or nonsense: nobody usable at this address
            }
        }
        report.scanned(found, boardProtocol: boardProtocol)
        return .success
    }

    private func usage(_ message: String) -> BoardExit {
        FileHandle.standardError.write(Data("harbor-board: \(message)\n".utf8))
        return .usage
    }
}

extension BoardAction {
    var lock: Int? {
        switch self {
        case let .open(lock): lock
        case let .status(lock): lock
        case .openAll, .scan: nil
        }
    }
}
