import Foundation
import HarborBridge

/// Realistic Admin API answers for the fake, taken from the document's examples.
enum AdminFixtures {
    static let serialController = APIController(
        id: 1, name: "Left column", kind: .serial, protocol: .cuXor, online: true, lockerCount: 16, address: 1,
        device: "/dev/ttyUSB0", baudRate: 9600, lastSeenAt: Fixtures.date("2025-11-27T00:06:24Z"),
        createdAt: Fixtures.date("2025-11-20T10:00:00Z"))

    static let gpioController = APIController(
        id: 3, name: "Relays", kind: .gpio, protocol: .gpioRelay, online: false, lockerCount: 2, chip: "pinctrl-rp1",
        lines: ["GPIO17", "GPIO27"], doorLines: nil, activeLow: true, pulseMs: 500, feedbackPolarity: .setMeansOpen,
        serial: nil, lastSeenAt: nil, createdAt: Fixtures.date("2025-11-21T08:30:00.500Z"))

    static let details = ControllerDetails(
        controller: serialController, lockers: [Fixtures.outOfServiceLocker, Fixtures.occupiedLocker],
        errorCounters: ControllerErrorCounters(timeouts: 2, badReplies: 1, transportFailures: 0, opens: 412),
        lastError: ControllerLastError(
            code: "HARDWARE_TIMEOUT", message: "No reply to unlock of channel 5",
            at: Fixtures.date("2025-11-26T17:39:58Z")),
        firmware: nil, model: "CU16", replacedControllerId: nil)

    static let replacement = ControllerDetails(
        controller: APIController(
            id: 4, name: "Left column", kind: .tcp, protocol: .kerongCU16, online: true, lockerCount: 16,
            address: 0, host: "192.168.1.50", port: 4001, createdAt: Fixtures.date("2025-11-27T01:00:00Z")),
        lockers: [Fixtures.occupiedLocker], errorCounters: ControllerErrorCounters(
            timeouts: 0, badReplies: 0, transportFailures: 0, opens: 0),
        lastError: nil, firmware: "2.1", model: nil, replacedControllerId: 1)

    static let scan = ScanResponse(
        durationMs: 3004,
        found: [
            DiscoveredController(
                source: .mdns, name: "kerong-bridge-a1b2c3", protocol: .kerongCU16, host: "192.168.1.50", port: 4001,
                address: 0, lockerCount: 16, serial: "a1b2c3", known: true, controllerId: 2),
            DiscoveredController(
                source: .serial, name: "USB-RS485 adapter", protocol: .cuXor, device: "/dev/ttyUSB1",
                serial: "A10KX3", usbVendorId: "0403", usbProductId: "6001", added: true),
        ])

    static let lockerCount = AdjustLockerCountResponse(
        controllerId: 1, lockerCount: 18, addedLockerIds: [41, 42], removedLockerIds: [])

    static let sentry = SentryTestResponse(eventId: "9f1c2e4a7b3d4c5e8f60718293a4b5c6")

    static let network = Fixtures.system.network
}
