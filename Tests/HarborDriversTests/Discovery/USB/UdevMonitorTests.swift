import Testing
@testable import HarborDrivers

/// The real libudev monitor on a machine without udevd or adapters.
@Suite struct UdevMonitorTests {
    @Test func realMonitorStartsAndStopsCleanly() async throws {
        let monitor = try UdevMonitor()
        monitor.stop()
        monitor.stop()
        // Stopping finishes the stream, so a consumer's loop ends.
        var received: [DeviceEvent] = []
        for await event in monitor.events { received.append(event) }
        #expect(received.isEmpty)
    }

    @Test func monitorReleasedWithoutStopEndsItsThread() async throws {
        var monitor: UdevMonitor? = try UdevMonitor()
        let events = try #require(monitor?.events)
        monitor = nil
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == nil)
    }
}

/// How a udev action on a tty becomes a device event.
@Suite struct UdevMonitorEventTests {
    let record = UdevTTYRecord(
        devnode: "/dev/ttyUSB0",
        links: ["/dev/harbor/rs485-ftdi-A10K", "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K-if00-port0"],
        vendorId: "0403", productId: "6001", manufacturer: "FTDI", product: "FT232R USB UART",
        serial: "A10K", hasUSBParent: true)

    @Test func addRemoveAndChangeAreTheActionsThatCount() {
        #expect(UdevMonitorSession.event(action: "add", record: record)?.action == .added)
        #expect(UdevMonitorSession.event(action: "remove", record: record)?.action == .removed)
        #expect(UdevMonitorSession.event(action: "change", record: record)?.action == .changed)
        #expect(UdevMonitorSession.event(action: "bind", record: record) == nil)
        #expect(UdevMonitorSession.event(action: "move", record: record) == nil)
    }

    @Test func eventCarriesTheByIdLinkAndTheUSBIds() throws {
        var upper = record
        upper.vendorId = "0403"
        upper.productId = "6A01"
        let event = try #require(UdevMonitorSession.event(action: "add", record: upper))
        #expect(event.byIdPath == "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K-if00-port0")
        #expect(event.names == Set(record.links + ["/dev/ttyUSB0"]))
        #expect(event.vendorId == "0403" && event.productId == "6a01")
    }
}
