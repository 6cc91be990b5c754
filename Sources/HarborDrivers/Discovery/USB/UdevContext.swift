import CUdev

/// A libudev context. libudev objects must not be shared between threads, so a
/// context belongs to the one call (or the one monitor thread) that made it.
final class UdevContext {
    let udev: OpaquePointer

    /// A new context; fails only when libudev cannot allocate one.
    init() throws(UdevError) {
        harbor_udev_clear_errno()
        guard let udev = udev_new() else { throw .udevUnavailable(errno: harbor_udev_errno()) }
        self.udev = udev
    }

    deinit {
        udev_unref(udev)
    }

    /// Every device of the tty subsystem that has a device node, read from sysfs
    /// (and udev's database where udevd runs).
    func ttyRecords() throws(UdevError) -> [UdevTTYRecord] {
        harbor_udev_clear_errno()
        guard let enumeration = udev_enumerate_new(udev) else {
            throw .enumerationFailed(operation: "udev_enumerate_new", errno: harbor_udev_errno())
        }
        defer { udev_enumerate_unref(enumeration) }
        let matched = udev_enumerate_add_match_subsystem(enumeration, "tty")
        guard matched >= 0 else {
            throw .enumerationFailed(operation: "udev_enumerate_add_match_subsystem", errno: -matched)
        }
        let scanned = udev_enumerate_scan_devices(enumeration)
        guard scanned >= 0 else {
            throw .enumerationFailed(operation: "udev_enumerate_scan_devices", errno: -scanned)
        }
        var records: [UdevTTYRecord] = []
        var entry = udev_enumerate_get_list_entry(enumeration)
        while let current = entry {
            entry = udev_list_entry_get_next(current)
            // A device that vanished between the scan and this read is skipped.
            guard let syspath = udev_list_entry_get_name(current),
                  let device = udev_device_new_from_syspath(udev, syspath) else { continue }
            defer { udev_device_unref(device) }
            if let record = UdevTTYRecord.read(device) { records.append(record) }
        }
        return records
    }
}
