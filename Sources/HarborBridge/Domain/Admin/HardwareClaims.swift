import Foundation
import Glibc
import HarborDrivers

/// What a controller holds that no other live controller may hold too: an
/// address on a bus (a serial line or a TCP bridge), GPIO lines of a chip, a
/// discovery serial. Two boards answering one address garble every reply; two
/// controllers on one GPIO line fire each other's locks.
enum HardwareClaims {
    /// Refuses a serial device or GPIO chip path that does not exist
    /// (DEVICE_NOT_FOUND), and a serial device that is not a character device.
    static func checkDevices(_ record: ControllerRecord) throws(GatewayError) {
        if record.kind == "serial", let device = record.device {
            guard let resolved = resolvedPath(device) else {
                throw GatewayError(
                    "DEVICE_NOT_FOUND", "Serial device \(device) does not exist", details: ["field": "/device"])
            }
            guard isCharacterDevice(resolved) else {
                throw .validation(field: "device", "\(device) is not a serial device")
            }
        }
        if record.kind == "gpio", let chip = record.chip, chip.hasPrefix("/"), resolvedPath(chip) == nil {
            throw GatewayError("DEVICE_NOT_FOUND", "GPIO chip \(chip) does not exist", details: ["field": "/chip"])
        }
    }

    /// Refuses `record` when one of `others` (the other live controllers) holds
    /// the same bus address, a GPIO line of the same chip or the same serial.
    static func checkConflicts(_ record: ControllerRecord, against others: [ControllerRecord]) throws(GatewayError) {
        let mine = Claim(record)
        for other in others where other.id != record.id {
            if let serial = record.serial, serial == other.serial {
                throw taken("serial", "Controller \(other.id) already carries serial \(serial)", other)
            }
            let theirs = Claim(other)
            switch (mine, theirs) {
            case let (.busAddress(bus, address), .busAddress(otherBus, otherAddress))
                where bus == otherBus && address == otherAddress:
                throw taken(
                    "address", "Controller \(other.id) (\(other.name)) already answers address \(address) on \(bus)", other)
            case let (.gpioLines(chip, lines), .gpioLines(otherChip, otherLines)) where chip == otherChip:
                if let shared = lines.intersection(otherLines).first {
                    throw taken("lines", "Controller \(other.id) (\(other.name)) already uses \(shared) of \(chip)", other)
                }
            default:
                continue
            }
        }
    }

    private static func taken(_ field: String, _ message: String, _ other: ControllerRecord) -> GatewayError {
        GatewayError(
            "CONTROLLER_ADDRESS_TAKEN", message, details: ["field": "/" + field, "controllerId": "\(other.id)"])
    }

    /// What one controller occupies, with device paths resolved so that a
    /// `/dev/serial/by-id/...` link and the node it points at are one bus.
    private enum Claim {
        case busAddress(bus: String, address: Int)
        case gpioLines(chip: String, lines: Set<GPIOLineSelector>)
        /// Simulated boards own their in-process line; nothing is shared.
        case nothing

        init(_ record: ControllerRecord) {
            switch record.kind {
            case "serial":
                guard let device = record.device, let address = record.address else { self = .nothing; return }
                self = .busAddress(bus: "serial \(HardwareClaims.resolvedPath(device) ?? device)", address: address)
            case "tcp":
                guard let host = record.host, let port = record.port, let address = record.address else {
                    self = .nothing
                    return
                }
                self = .busAddress(bus: "tcp \(host.lowercased()):\(port)", address: address)
            case "gpio":
                guard let chip = record.chip else { self = .nothing; return }
                let lines = (record.lines ?? []) + (record.doorLines ?? [])
                self = .gpioLines(chip: HardwareClaims.chipIdentity(chip), lines: Set(lines.map(GPIOLineSelector.init)))
            default:
                self = .nothing
            }
        }
    }

    /// One spelling per chip: paths and `gpiochipN` names become the resolved
    /// device path; a label stays a label (only the hardware knows its chip).
    static func chipIdentity(_ chip: String) -> String {
        switch GPIOChipSelector(chip) {
        case let .path(path): resolvedPath(path) ?? path
        case let .name(name): resolvedPath("/dev/" + name) ?? "/dev/" + name
        case let .label(label): "label " + label
        }
    }

    /// The canonical path `path` leads to after every symbolic link, nil when
    /// it leads nowhere.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFCHR
    }
}
