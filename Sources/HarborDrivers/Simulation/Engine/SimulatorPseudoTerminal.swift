import Glibc

/// The simulator's end of a pseudo-terminal: clients open `path` like a USB-RS485
/// adapter, the simulator reads and writes the master.
///
/// Made with openpty(3), which does posix_openpt(O_RDWR|O_NOCTTY), grantpt, unlockpt
/// and opens the slave with O_NOCTTY; Swift's Glibc module does not export the
/// posix_openpt family itself. The simulator keeps its own slave descriptor open
/// for its whole life, so the master never reads EIO (hang-up) while a client
/// closes and reopens the device, and the raw line settings persist between clients.
final class SimulatorPseudoTerminal {
    /// The master descriptor, non-blocking.
    let master: Int32
    /// The device clients open, "/dev/pts/N".
    let path: String
    /// The symlink made to `path`, if one was asked for.
    let link: String?
    private let keptSlave: Int32
    private var isOpen = true

    private init(master: Int32, keptSlave: Int32, path: String, link: String?) {
        self.master = master
        self.keptSlave = keptSlave
        self.path = path
        self.link = link
    }

    /// Opens a raw pseudo-terminal and, when `linkPath` is given, points a symlink
    /// there at it (replacing an older symlink, never another kind of file).
    static func open(linkPath: String?) throws(SimulatorServerError) -> SimulatorPseudoTerminal {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else {
            throw .pseudoTerminalUnavailable(operation: "openpty", errno: errno)
        }
        var name = [CChar](repeating: 0, count: 256)
        if let (operation, code) = configure(master: master, slave: slave, name: &name) {
            _ = Glibc.close(master)
            _ = Glibc.close(slave)
            throw .pseudoTerminalUnavailable(operation: operation, errno: code)
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if let linkPath {
            do throws(SimulatorServerError) {
                try makeLink(at: linkPath, to: path)
            } catch {
                _ = Glibc.close(master)
                _ = Glibc.close(slave)
                throw error
            }
        }
        return SimulatorPseudoTerminal(master: master, keptSlave: slave, path: path, link: linkPath)
    }

    /// Closes both descriptors (clients then read EOF or EIO) and removes the
    /// symlink if it still points here. Closing twice does nothing.
    func close() {
        guard isOpen else { return }
        isOpen = false
        _ = Glibc.close(master)
        _ = Glibc.close(keptSlave)
        if let link, Self.linkTarget(link) == path {
            _ = unlink(link)
        }
    }

    /// Names the slave, makes the line raw (no echo, no line editing, 8 bits) and
    /// the descriptors non-blocking; the failed call and its errno otherwise.
    private static func configure(master: Int32, slave: Int32, name: inout [CChar]) -> (String, Int32)? {
        let nameError = ttyname_r(slave, &name, name.count)
        guard nameError == 0 else { return ("ttyname_r", nameError) }
        var settings = termios()
        guard tcgetattr(slave, &settings) == 0 else { return ("tcgetattr", errno) }
        cfmakeraw(&settings)
        guard tcsetattr(slave, TCSANOW, &settings) == 0 else { return ("tcsetattr", errno) }
        guard PosixDescriptor.prepare(master), PosixDescriptor.prepare(slave) else { return ("fcntl", errno) }
        return nil
    }

    private static func makeLink(at linkPath: String, to target: String) throws(SimulatorServerError) {
        var info = stat()
        if lstat(linkPath, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFLNK else {
                throw .linkRefused(path: linkPath, why: "it exists and is not a symlink")
            }
            guard unlink(linkPath) == 0 else {
                throw .linkRefused(path: linkPath, why: String(cString: strerror(errno)))
            }
        }
        guard symlink(target, linkPath) == 0 else {
            throw .linkRefused(path: linkPath, why: String(cString: strerror(errno)))
        }
    }

    private static func linkTarget(_ linkPath: String) -> String? {
        var target = [CChar](repeating: 0, count: 4096)
        let length = readlink(linkPath, &target, target.count)
        guard length > 0 else { return nil }
        return String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
