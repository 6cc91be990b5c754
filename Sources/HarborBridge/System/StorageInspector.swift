import Glibc

/// Free space of the file system holding the data directory.
public enum StorageInspector {
    /// Bytes available to the gateway's user, or nil when the path cannot be read.
    public static func freeBytes(at path: String) -> Int64? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }
}
