import Foundation
import Glibc

/// A secret kept in the data directory in a file only its owner can read (0600):
/// the generated API key or admin password of a gateway nobody configured one for.
public enum SecretFile {
    /// Reads `name` from `directory`, creating it with a new random secret the first
    /// time. `created` tells the caller to say once where the new secret is.
    public static func loadOrCreate(
        _ name: String, in directory: String
    ) throws(ConfigurationError) -> (value: String, created: Bool, path: String) {
        let path = (directory as NSString).appendingPathComponent(name)
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            let value = existing.trimmingCharacters(in: .whitespacesAndNewlines)
            guard value.count >= 16 else {
                throw .invalid(source: path, reason: "holds no usable secret (at least 16 characters)")
            }
            return (value, false, path)
        }
        let value = randomSecret()
        // O_EXCL: two processes starting at once never overwrite each other's secret.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array((value + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            unlink(path)
            throw .unreadable(path: path, reason: "cannot write the new secret")
        }
        return (value, true, path)
    }

    /// 32 random bytes as 64 hex digits, from the system's CSPRNG (getrandom).
    public static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).leftPadding(to: 2)
        }.joined()
    }
}

extension String {
    fileprivate func leftPadding(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
