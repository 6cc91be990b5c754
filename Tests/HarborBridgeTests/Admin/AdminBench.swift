import Foundation
@testable import HarborBridge
import HarborDrivers
import Logging
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Lines an audit logger wrote, in order.
final class AuditLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }

    /// The lines containing every one of `parts`.
    func matching(_ parts: String...) -> [String] {
        all.filter { line in parts.allSatisfy { line.contains($0) } }
    }

    /// A logger labelled `label` writing through the gateway's handler into these lines.
    func logger(_ label: String = "audit") -> Logger {
        let journal = LogJournal(level: .trace)
        return Logger(label: label) { category in
            GatewayLogHandler(category: category, journal: journal, output: { self.append($0) })
        }
    }
}

/// A real store in a temporary directory, a runtime on simulated boards and
/// the administration over both, as the gateway wires them.
struct AdminBench {
    static let alice = Caller.admin(user: "alice")
    let scratch: ScratchDirectory
    let store: HarborStore
    let runtime: HardwareRuntime
    let admin: CabinetAdministration
    let audit: AuditLines

    init() throws {
        scratch = ScratchDirectory()
        store = try HarborStore(directory: scratch.url)
        runtime = HardwareRuntime(factory: HardwareFixtures.factory())
        audit = AuditLines()
        admin = CabinetAdministration(store: store, runtime: runtime, audit: audit.logger())
    }

    /// Adds a simulated board with `lockers` lockers.
    func addSimulated(_ lockers: Int, name: String? = nil, address: Int? = nil) async throws -> ControllerDetailsView {
        try await admin.addController(
            ControllerDeclaration(name: name, kind: "simulated", boardProtocol: "simulated", lockerCount: lockers, address: address),
            by: Self.alice)
    }

    /// Stops the hardware, closes the store and removes the directory.
    func stop() async {
        await runtime.shutdown()
        try? store.close()
        scratch.remove()
    }
}

/// The code and field of a refusal, for one-line expectations.
struct Refusal: Equatable, CustomStringConvertible {
    var code: String
    var field: String?

    init(_ code: String, _ field: String? = nil) {
        self.code = code
        self.field = field
    }

    var description: String { "\(code) \(field ?? "-")" }
}

/// The refusal `body` ends with, nil when it succeeds.
func refusal<T>(_ body: () async throws(GatewayError) -> T) async -> Refusal? {
    do {
        _ = try await body()
        return nil
    } catch {
        return Refusal(error.code, error.details["field"])
    }
}

/// A pseudo-terminal whose slave path stands in for a serial adapter's device node.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    let path: String

    init() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0, let name = ttyname(slave) else {
            throw PseudoTerminalUnavailable()
        }
        self.master = master
        self.slave = slave
        path = String(cString: name)
    }

    deinit {
        close(slave)
        close(master)
    }
}

struct PseudoTerminalUnavailable: Error {}

extension ControllerDeclaration {
    /// A CU XOR board on the serial line `device`.
    static func cuXor(on device: String, address: Int, lockers: Int = 4, name: String? = nil) -> ControllerDeclaration {
        ControllerDeclaration(
            name: name, kind: "serial", boardProtocol: "cu-xor", lockerCount: lockers, device: device,
            baudRate: 9600, address: address)
    }
}
