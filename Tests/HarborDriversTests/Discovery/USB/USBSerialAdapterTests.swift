import Foundation
import Testing
@testable import HarborDrivers

/// Enumeration through the real libudev, and how an adapter's stable name is chosen.
@Suite struct USBSerialAdapterTests {
    /// The ttys sysfs shows with a USB device behind them (their device path runs
    /// through a USB bus), the ground truth the enumeration must agree with.
    private var usbTtysInSysfs: Set<String> {
        let classDirectory = "/sys/class/tty"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: classDirectory)) ?? []
        return Set(names.filter { name in
            let device = SerialDeviceLinks.resolvedPath("\(classDirectory)/\(name)") ?? ""
            return device.contains("/usb")
        }.map { "/dev/\($0)" })
    }

    @Test func realEnumerationAgreesWithSysfsAndDoesNotCrash() throws {
        let adapters = try USBSerialAdapters.list()
        // On this gateway build machine there is no adapter: the list is empty.
        #expect(Set(adapters.map(\.devnode)) == usbTtysInSysfs)
        for adapter in adapters {
            #expect(adapter.vendorId.count == 4 && adapter.productId.count == 4)
        }
    }

    @Test func realEnumerationReadsTheNonUSBTtysItSkips() throws {
        try #require(FileManager.default.fileExists(atPath: "/sys/class/tty/tty0"))
        let records = try UdevContext().ttyRecords()
        // The consoles are there, so libudev really walked sysfs; none is a USB adapter.
        #expect(records.contains { $0.devnode == "/dev/tty0" })
        #expect(records.filter(\.hasUSBParent).map(\.devnode).sorted() == usbTtysInSysfs.sorted())
    }

    private func record(links: [String] = [], usb: Bool = true) -> UdevTTYRecord {
        UdevTTYRecord(
            devnode: "/dev/ttyUSB0", links: links, vendorId: "1A86", productId: "7523",
            manufacturer: "QinHeng", product: "USB Serial", serial: nil, hasUSBParent: usb)
    }

    @Test func byIdLinkFromUdevIsPreferredAsThePath() throws {
        let byId = "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0"
        let adapter = try #require(USBSerialAdapter(
            record: record(links: ["/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0", byId]),
            byIdLinksByNode: ["/dev/ttyUSB0": "/dev/serial/by-id/other"], byIdDirectory: "/dev/serial/by-id"))
        #expect(adapter.byIdPath == byId)
        #expect(adapter.path == byId)
        #expect(adapter.vendorId == "1a86" && adapter.productId == "7523")
        #expect(adapter.names.contains("/dev/ttyUSB0") && adapter.names.contains(byId))
    }

    @Test func byIdDirectoryIsTheFallbackWithoutUdevLinks() throws {
        let fallback = "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0"
        let adapter = try #require(USBSerialAdapter(
            record: record(), byIdLinksByNode: ["/dev/ttyUSB0": fallback], byIdDirectory: "/dev/serial/by-id"))
        #expect(adapter.path == fallback)
        let bare = try #require(USBSerialAdapter(record: record(), byIdLinksByNode: [:], byIdDirectory: "/dev/serial/by-id"))
        #expect(bare.byIdPath == nil && bare.path == "/dev/ttyUSB0")
    }

    @Test func ttyWithoutUSBDeviceIsNoAdapter() {
        #expect(USBSerialAdapter(record: record(usb: false), byIdLinksByNode: [:], byIdDirectory: "/x") == nil)
    }

    @Test func byIdDirectoryScanResolvesLinksAndSkipsDanglingOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-byid-\(UUID().uuidString)").path
        let directory = root + "/by-id"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(FileManager.default.createFile(atPath: root + "/ttyFAKE0", contents: nil))
        #expect(FileManager.default.createFile(atPath: root + "/ttyFAKE1", contents: nil))
        try FileManager.default.createSymbolicLink(atPath: directory + "/usb-b-port0", withDestinationPath: "../ttyFAKE0")
        try FileManager.default.createSymbolicLink(atPath: directory + "/usb-a-port0", withDestinationPath: "../ttyFAKE0")
        try FileManager.default.createSymbolicLink(atPath: directory + "/usb-c-port0", withDestinationPath: "../ttyFAKE1")
        try FileManager.default.createSymbolicLink(atPath: directory + "/usb-gone", withDestinationPath: "../ttyFAKE9")
        let canonicalRoot = try #require(SerialDeviceLinks.resolvedPath(root))
        #expect(SerialDeviceLinks.byIdLinksByNode(in: directory) == [
            canonicalRoot + "/ttyFAKE0": directory + "/usb-a-port0",
            canonicalRoot + "/ttyFAKE1": directory + "/usb-c-port0",
        ])
        #expect(SerialDeviceLinks.byIdLinksByNode(in: root + "/missing").isEmpty)
    }

    @Test func devlinksPropertySplitsIntoSortedLinks() {
        #expect(SerialDeviceLinks.links(fromProperty: "/dev/serial/by-path/p /dev/harbor/rs485-ch340-A1 ")
            == ["/dev/harbor/rs485-ch340-A1", "/dev/serial/by-path/p"])
        #expect(SerialDeviceLinks.links(fromProperty: nil).isEmpty)
        #expect(SerialDeviceLinks.byIdLink(in: ["/dev/serial/by-idx/no", "/dev/serial/by-id/yes"]) == "/dev/serial/by-id/yes")
    }
}
