import Glibc

/// The line settings every lock board speaks: raw bytes, 8N1, no flow control.
enum SerialLineSettings {
    /// The termios speed constant for a baud rate, nil when termios has none we support.
    static func speed(forBaudRate baudRate: Int) -> speed_t? {
        switch baudRate {
        case 1200: speed_t(B1200)
        case 2400: speed_t(B2400)
        case 4800: speed_t(B4800)
        case 9600: speed_t(B9600)
        case 19200: speed_t(B19200)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115_200: speed_t(B115200)
        case 230_400: speed_t(B230400)
        default: nil
        }
    }

    /// Applies raw 8N1 at `speed` to `settings`. VMIN=0/VTIME=0 because the
    /// descriptor is non-blocking and reads are driven by readiness events; the
    /// bus frames replies itself.
    static func configure(_ settings: inout termios, speed: speed_t) {
        cfmakeraw(&settings)
        settings.c_cflag &= ~(tcflag_t(CSIZE | PARENB | CSTOPB) | tcflag_t(CRTSCTS))
        settings.c_cflag |= tcflag_t(CS8 | CLOCAL | CREAD)
        // XON/XOFF would swallow 0x11 and 0x13, which appear inside board frames.
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        withUnsafeMutableBytes(of: &settings.c_cc) { controlCharacters in
            controlCharacters[Int(VMIN)] = 0
            controlCharacters[Int(VTIME)] = 0
        }
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
    }
}
