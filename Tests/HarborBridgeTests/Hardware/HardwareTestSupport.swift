import Foundation
import HarborBridge
import HarborDrivers
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Every hardware event a runtime delivered, in order.
final class HardwareEventLog: Sendable {
    private let events = Mutex<[HardwareEvent]>([])

    var sink: HardwareEventSink {
        { event in self.events.withLock { $0.append(event) } }
    }

    var all: [HardwareEvent] { events.withLock { $0 } }

    func count(_ event: HardwareEvent) -> Int { all.count { $0 == event } }

    var offlineEvents: [HardwareEvent] {
        all.filter { if case .controllerOffline = $0 { true } else { false } }
    }
}

enum HardwareFixtures {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func simulated(_ id: Int64, address: Int? = nil) -> ControllerRecord {
        ControllerRecord(id: id, name: "sim \(id)", kind: "simulated", boardProtocol: "simulated", address: address)
    }

    static func serial(_ id: Int64, device: String, boardProtocol: String = "cu-xor", address: Int? = 1) -> ControllerRecord {
        ControllerRecord(id: id, name: "serial \(id)", kind: "serial", boardProtocol: boardProtocol, device: device, address: address)
    }

    static func gpio(_ id: Int64, lines: [String], doorLines: [String]? = nil, pulseMs: Int? = 20) -> ControllerRecord {
        ControllerRecord(
            id: id, name: "relays \(id)", kind: "gpio", boardProtocol: "gpio-relay",
            chip: "gpiochip0", lines: lines, doorLines: doorLines, pulseMs: pulseMs)
    }

    static func locker(_ id: Int64, on controllerId: Int64, channel: Int) -> LockerRecord {
        LockerRecord(id: id, controllerId: controllerId, channel: channel, updatedAt: epoch)
    }

    /// Lockers `firstId`, `firstId + 1`, ... on channels 1...count of one controller.
    static func lockers(_ firstId: Int64, count: Int, on controllerId: Int64) -> [LockerRecord] {
        (0..<count).map { locker(firstId + Int64($0), on: controllerId, channel: $0 + 1) }
    }

    /// A factory whose simulated doors stay as they are put. Where a reply is
    /// expected the timeouts are generous: the test machine is shared and busy.
    static func factory(
        query: Duration = .seconds(2),
        unlock: Duration = .seconds(2),
        faults: SimulatorFaults = SimulatorFaults(),
        openChip: @escaping ControllerFactory.ChipOpener = { _ throws(GPIOError) in
            throw GPIOError.chipNotFound("no chip in this test")
        }
    ) -> ControllerFactory {
        ControllerFactory(
            timeouts: BoardTimeouts(unlock: unlock, query: query),
            simulatedDoorsCloseAfter: nil, simulatorFaults: faults, openChip: openChip)
    }

    /// Waits until `condition` holds, checking every 20 ms, for at most `limit`.
    static func waitUntil(
        within limit: Duration = .seconds(3), _ condition: @Sendable () async -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    /// A loopback TCP port nobody listens on: bound, then closed again.
    static func refusedPort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
