import Glibc

/// Sends sd_notify datagrams to the socket systemd named in `NOTIFY_SOCKET`.
///
/// Outside systemd (no `NOTIFY_SOCKET`) every send does nothing. A send never
/// blocks: a full receiver queue is an error value, not a stalled thread.
public struct SystemdNotifier: Sendable {
    enum Destination: Sendable, Equatable {
        case none
        case socket(NotifySocketAddress)
        case unusable(NotifyError)
    }

    let destination: Destination

    /// A notifier for the socket named by `NOTIFY_SOCKET` in `environment` (by default the process's).
    public init(environment: (String) -> String? = ProcessEnvironment.value) {
        guard let text = environment("NOTIFY_SOCKET"), !text.isEmpty else {
            destination = .none
            return
        }
        do {
            destination = .socket(try NotifySocketAddress(text))
        } catch {
            destination = .unusable(error)
        }
    }

    /// Whether systemd asked for notifications (even through an address that cannot be used).
    public var isActive: Bool { destination != .none }

    /// Sends `states` in one datagram; nothing when systemd did not ask for notifications.
    public func send(_ states: NotifyState...) throws(NotifyError) {
        try send(states)
    }

    /// Sends `states` in one datagram; nothing when systemd did not ask for notifications.
    public func send(_ states: [NotifyState]) throws(NotifyError) {
        switch destination {
        case .none: return
        case let .unusable(error): throw error
        case let .socket(address): try Self.deliver(NotifyState.datagram(states), to: address)
        }
    }

    static func deliver(_ message: String, to address: NotifySocketAddress) throws(NotifyError) {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .socketUnavailable(errno: errno) }
        defer { close(fd) }
        let bytes = Array(message.utf8)
        var sent: Int
        repeat {
            sent = address.withSocketAddress { pointer, length in
                bytes.withUnsafeBytes { raw in
                    sendto(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), pointer, length)
                }
            }
        } while sent < 0 && errno == EINTR
        guard sent >= 0 else { throw .sendFailed(errno: errno) }
    }
}

/// The process environment, read without Foundation.
public enum ProcessEnvironment {
    /// The value of the variable `name`, nil when unset.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
