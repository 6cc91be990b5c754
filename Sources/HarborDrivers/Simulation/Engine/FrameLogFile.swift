import Glibc

/// The JSON-lines frame log: one line per frame, written with one write(2) each so
/// a reader (a test, `tail -f`) sees whole lines while the simulator runs.
final class FrameLogFile {
    private var fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    /// Creates or truncates the log at `path`.
    static func open(path: String) throws(SimulatorServerError) -> FrameLogFile {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .frameLogUnwritable(path: path, errno: errno) }
        return FrameLogFile(fd: fd)
    }

    /// Appends one entry. The log is a diagnostic: a full disk must not stop the
    /// simulated boards, so a failed write is not an error.
    func append(_ entry: FrameLogEntry) {
        guard fd >= 0 else { return }
        let line = Array((entry.jsonLine + "\n").utf8)
        var offset = 0
        while offset < line.count {
            let written = line[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Closes the file. Closing twice does nothing.
    func close() {
        guard fd >= 0 else { return }
        _ = Glibc.close(fd)
        fd = -1
    }
}
