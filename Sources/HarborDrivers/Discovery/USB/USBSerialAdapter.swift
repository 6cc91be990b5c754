/// One USB serial adapter (a USB-RS485 dongle) as udev sees it.
public struct USBSerialAdapter: Sendable, Hashable, Codable {
    /// The kernel's device node, "/dev/ttyUSB0"; the number changes with plug order.
    public var devnode: String
    /// The stable "/dev/serial/by-id/..." link, when udev made one.
    public var byIdPath: String?
    /// Every link udev made to the device (by-id, by-path, /dev/harbor/...).
    public var links: [String]
    /// The USB vendor id as sysfs spells it, four lowercase hex digits ("1a86").
    public var vendorId: String
    /// The USB product id, four lowercase hex digits ("7523").
    public var productId: String
    /// The manufacturer string the adapter reports, if any.
    public var manufacturer: String?
    /// The product string the adapter reports, if any.
    public var product: String?
    /// The adapter's USB serial number; cheap CH340 dongles have none.
    public var serial: String?

    /// An adapter record.
    public init(
        devnode: String, byIdPath: String? = nil, links: [String] = [],
        vendorId: String, productId: String,
        manufacturer: String? = nil, product: String? = nil, serial: String? = nil
    ) {
        self.devnode = devnode
        self.byIdPath = byIdPath
        self.links = links
        self.vendorId = vendorId
        self.productId = productId
        self.manufacturer = manufacturer
        self.product = product
        self.serial = serial
    }

    /// The path to configure and open: the by-id link survives replugging and
    /// reordering, ttyUSBn does not.
    public var path: String {
        byIdPath ?? devnode
    }

    /// Every name the device goes by: its node and all of its links.
    public var names: Set<String> {
        var names = Set(links)
        names.insert(devnode)
        if let byIdPath { names.insert(byIdPath) }
        return names
    }
}
