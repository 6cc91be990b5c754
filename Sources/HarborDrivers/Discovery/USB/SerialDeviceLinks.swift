import Foundation

/// Finds the stable `/dev/serial/by-id` name of a serial device node.
///
/// udev records its links in the device's DEVLINKS property; where that is
/// missing (no udev database, e.g. udevd not running) the by-id directory itself
/// is read and each link resolved to its node.
enum SerialDeviceLinks {
    /// Where udev's persistent serial rules put the by-id links.
    static let byIdDirectory = "/dev/serial/by-id"

    /// The links of a DEVLINKS property value (space-separated paths).
    static func links(fromProperty value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: " ").map(String.init).sorted()
    }

    /// The first link that lies in `directory`.
    static func byIdLink(in links: [String], directory: String = byIdDirectory) -> String? {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return links.filter { $0.hasPrefix(prefix) }.min()
    }

    /// Device node -> by-id link, for every link in `directory` that resolves.
    /// Two links to one node: the first by name wins, so the answer is stable.
    /// A missing or unreadable directory yields nothing.
    static func byIdLinksByNode(in directory: String = byIdDirectory) -> [String: String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [:] }
        var byNode: [String: String] = [:]
        for name in names.sorted() {
            let link = (directory as NSString).appendingPathComponent(name)
            guard let node = resolvedPath(link), byNode[node] == nil else { continue }
            byNode[node] = link
        }
        return byNode
    }

    /// The canonical path a link leads to, nil when it leads nowhere.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
