import ArgumentParser
import Foundation
import HarborDrivers

/// `harbor-board`: talk to one lock board from a shell, like gpioset/gpioget for GPIO.
@main
struct HarborBoard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harbor-board",
        abstract: "Open locks and read door states on a lock-control board.",
        discussion: """
            COMMAND is one of: open LOCK | open-all | status [LOCK] | scan
            Exit status: 0 success, 2 usage, 3 no reply in time (outcome unknown),
            4 device or transport failure, 5 a reply that refuses or makes no sense.
            """)

    @Option(help: "Serial device of the bus (e.g. /dev/ttyUSB0).") var device: String?
    @Option(help: "Host of a TCP-to-RS485 bridge or networked controller.") var host: String?
    @Option(help: "TCP port (with --host).") var port: Int?
    @Option(help: "Baud rate (default: the protocol's, 9600 for cu-xor and modbus-relay, 19200 for Kerong).")
    var baud: Int?
    @Option(name: .customLong("protocol"), help: "cu-xor | kerong-cu16 | kerong-cu48 | modbus-relay")
    var boardProtocol: LockBoardProtocol
    @Option(help: "Board address (required except for scan).") var address: Int?
    @Option(help: "Locks on the board (default: the protocol's typical count).") var locks: Int?
    @Option(help: "Feedback polarity: set-closed (default) or set-open.") var polarity: FeedbackPolarity = .setMeansClosed
    @Option(help: "Seconds to wait for a reply (default 1.5; 0.3 for each address of a scan).") var timeout: Double?
    @Option(help: "Relay pulse in milliseconds (modbus-relay).") var pulseMs: Int = 500
    @Flag(help: "Door switches are wired to the relay board's inputs (modbus-relay).") var doorInputs = false
    @Flag(help: "Print JSON for scripts.") var json = false
    @Argument(help: "COMMAND and its argument.") var words: [String] = []

    static func main() async {
        let command: HarborBoard
        do {
            command = try parse()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(BoardExit.usage.rawValue)
        }
        Foundation.exit(await command.execute().rawValue)
    }
}

extension LockBoardProtocol: ExpressibleByArgument {}
extension FeedbackPolarity: ExpressibleByArgument {}
