/// Lists the USB serial adapters plugged into the gateway.
public enum USBSerialAdapters {
    /// Every tty with a USB device behind it, ordered by device node.
    ///
    /// No udev daemon (no /run/udev) still works: libudev reads sysfs, and the
    /// by-id links are then found by reading `byIdDirectory`. No adapters is an
    /// empty list; only a libudev failure throws.
    public static func list(
        byIdDirectory: String = "/dev/serial/by-id"
    ) throws(UdevError) -> [USBSerialAdapter] {
        let records = try UdevContext().ttyRecords().filter(\.hasUSBParent)
        let needsDirectory = records.contains {
            SerialDeviceLinks.byIdLink(in: $0.links, directory: byIdDirectory) == nil
        }
        let byNode = needsDirectory ? SerialDeviceLinks.byIdLinksByNode(in: byIdDirectory) : [:]
        return records
            .compactMap { USBSerialAdapter(record: $0, byIdLinksByNode: byNode, byIdDirectory: byIdDirectory) }
            .sorted { $0.devnode < $1.devnode }
    }
}

extension USBSerialAdapter {
    /// The adapter a tty record describes: nil without a USB device or its ids.
    /// The by-id link comes from udev's links, else from the by-id directory.
    init?(record: UdevTTYRecord, byIdLinksByNode: [String: String], byIdDirectory: String) {
        guard record.hasUSBParent, let vendorId = record.vendorId, let productId = record.productId else {
            return nil
        }
        let byId = SerialDeviceLinks.byIdLink(in: record.links, directory: byIdDirectory)
            ?? byIdLinksByNode[record.devnode]
        var links = record.links
        if let byId, !links.contains(byId) { links.append(byId) }
        self.init(
            devnode: record.devnode, byIdPath: byId, links: links.sorted(),
            vendorId: vendorId.lowercased(), productId: productId.lowercased(),
            manufacturer: record.manufacturer, product: record.product, serial: record.serial)
    }
}
