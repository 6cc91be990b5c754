import CUdev
import Foundation

/// What udev knows about one tty device, read through libudev in one go so no
/// libudev pointer outlives the call that owns it.
struct UdevTTYRecord: Equatable, Sendable {
    var devnode: String
    var links: [String]
    var vendorId: String?
    var productId: String?
    var manufacturer: String?
    var product: String?
    var serial: String?
    /// The tty hangs off a USB device (a USB serial adapter), not a UART or a console.
    var hasUSBParent: Bool

    /// Reads a libudev device; nil when it has no device node.
    ///
    /// The USB device's sysfs attributes are the source while it is plugged in; on
    /// a removal sysfs is already gone, so the ids come from the properties udev
    /// recorded when the device was added (ID_VENDOR_ID and friends).
    static func read(_ device: OpaquePointer) -> UdevTTYRecord? {
        guard let devnode = string(udev_device_get_devnode(device)) else { return nil }
        var record = UdevTTYRecord(
            devnode: devnode, links: links(of: device),
            vendorId: property(device, "ID_VENDOR_ID"), productId: property(device, "ID_MODEL_ID"),
            manufacturer: property(device, "ID_VENDOR"), product: property(device, "ID_MODEL"),
            serial: property(device, "ID_SERIAL_SHORT"), hasUSBParent: false)
        // The parent belongs to the child device: it must not be unreferenced here.
        if let usb = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device") {
            record.hasUSBParent = true
            record.vendorId = attribute(usb, "idVendor") ?? record.vendorId
            record.productId = attribute(usb, "idProduct") ?? record.productId
            record.manufacturer = attribute(usb, "manufacturer") ?? record.manufacturer
            record.product = attribute(usb, "product") ?? record.product
            record.serial = attribute(usb, "serial") ?? record.serial
        } else if property(device, "ID_BUS") == "usb" {
            record.hasUSBParent = true
        }
        return record
    }

    private static func links(of device: OpaquePointer) -> [String] {
        var links: [String] = []
        var entry = udev_device_get_devlinks_list_entry(device)
        while let current = entry {
            if let name = string(udev_list_entry_get_name(current)) { links.append(name) }
            entry = udev_list_entry_get_next(current)
        }
        return links.isEmpty ? SerialDeviceLinks.links(fromProperty: property(device, "DEVLINKS")) : links.sorted()
    }

    private static func attribute(_ device: OpaquePointer, _ name: String) -> String? {
        string(udev_device_get_sysattr_value(device, name))
    }

    private static func property(_ device: OpaquePointer, _ name: String) -> String? {
        string(udev_device_get_property_value(device, name))
    }

    /// A C string from libudev, trimmed; nil when absent or blank.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let text = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
