/// What happened to a serial device.
public enum DeviceAction: String, Sendable, Hashable, Codable {
    case added
    case removed
    case changed
}

/// A serial device that came, went or changed (a USB-RS485 adapter plugged in or
/// pulled out).
public struct DeviceEvent: Sendable, Hashable, Codable {
    public var action: DeviceAction
    /// The kernel's device node, "/dev/ttyUSB0".
    public var devnode: String
    /// The stable "/dev/serial/by-id/..." link, when udev made one. On removal it
    /// is what udev recorded; the link itself is already gone.
    public var byIdPath: String?
    /// Every link udev made to the device (by-id, by-path, /dev/harbor/...).
    public var links: [String]
    /// USB vendor id, four lowercase hex digits, when the device is a USB one.
    public var vendorId: String?
    /// USB product id, four lowercase hex digits.
    public var productId: String?

    /// An event; `byIdPath` is also counted among the links.
    public init(
        action: DeviceAction, devnode: String, byIdPath: String? = nil, links: [String] = [],
        vendorId: String? = nil, productId: String? = nil
    ) {
        self.action = action
        self.devnode = devnode
        self.byIdPath = byIdPath
        self.links = links
        self.vendorId = vendorId
        self.productId = productId
    }

    /// Every name the device goes by: its node, its by-id link and its other links.
    public var names: Set<String> {
        var names = Set(links)
        names.insert(devnode)
        if let byIdPath { names.insert(byIdPath) }
        return names
    }
}

/// Where serial hotplug events come from: the libudev monitor on a gateway, a
/// fake that tests push events into.
public protocol DeviceEventSource: Sendable {
    /// The events in the order they happened, until the source stops. Meant for
    /// one consumer: two loops over it would each get only some of the events.
    var events: AsyncStream<DeviceEvent> { get }
}
