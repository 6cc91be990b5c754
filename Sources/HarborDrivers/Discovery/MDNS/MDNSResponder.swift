import Dispatch
import Foundation
import Synchronization

/// Announces one DNS-SD service instance by multicast DNS and answers the queries
/// for it: the simulator's way of looking like a networked lock controller. The
/// gateway never runs one (avahi-daemon is the host's responder).
///
/// It binds port 5353 with SO_REUSEADDR and SO_REUSEPORT beside avahi-daemon or
/// python-zeroconf, keeps multicast loop on so a browser on the same host hears
/// it, announces three times (0, 1 and 2 s), and sends a goodbye (TTL 0) on
/// `stop()`. It does not probe for name conflicts: a simulator's names are the
/// operator's to choose.
public final class MDNSResponder: Sendable {
    private enum Lifecycle {
        case idle
        case running(wake: MDNSWake, finished: DispatchSemaphore)
        case stopped
    }

    /// What it announces.
    public let advertisement: MDNSServiceAdvertisement
    /// Where it answers.
    public let interfaces: MDNSInterfaceSelection
    private let bindPort: UInt16
    private let group: MDNSEndpoint?
    private let announceOffsets: [Duration]
    private let lifecycle = Mutex(Lifecycle.idle)
    private let started = Mutex<(addresses: [String], port: UInt16?)>(([], nil))

    /// A responder for `advertisement` on `interfaces`.
    public convenience init(advertisement: MDNSServiceAdvertisement, interfaces: MDNSInterfaceSelection = .automatic) {
        self.init(advertisement: advertisement, interfaces: interfaces, bindPort: MDNSEndpoint.standard.port, group: .standard)
    }

    /// Tests bind an ephemeral port and send announcements to a unicast observer
    /// (`group`), or nowhere (nil), to stay on plain loopback.
    init(advertisement: MDNSServiceAdvertisement, interfaces: MDNSInterfaceSelection, bindPort: UInt16,
         group: MDNSEndpoint?, announceOffsets: [Duration] = [.zero, .seconds(1), .seconds(2)]) {
        self.advertisement = advertisement
        self.interfaces = interfaces
        self.bindPort = bindPort
        self.group = group
        self.announceOffsets = announceOffsets
    }

    deinit {
        stop()
    }

    /// The A record addresses, once started.
    public var advertisedAddresses: [String] {
        started.withLock { $0.addresses }
    }

    /// The UDP port it answers on (5353 outside tests), once started.
    var boundPort: UInt16? {
        started.withLock { $0.port }
    }

    /// Opens the socket, joins the group and starts announcing. Throws, having
    /// opened nothing, when there is no interface or the socket cannot be made.
    public func start() throws(DiscoveryError) {
        try lifecycle.withLock { state throws(DiscoveryError) in
            guard case .idle = state else { throw .alreadyStarted }
            let chosen = try MulticastInterfaces.resolve(interfaces)
            guard !chosen.isEmpty else { throw .noMulticastInterface }
            var addresses: [IPv4Address] = []
            for text in advertisement.ipv4Addresses {
                guard let address = IPv4Address(text) else { throw .invalidAddress(text) }
                addresses.append(address)
            }
            if addresses.isEmpty { addresses = chosen.flatMap(\.addresses) }
            let records = try MDNSServiceRecords(advertisement, addresses: addresses)
            let multicast = group?.isMulticast ?? false
            let local = multicast ? IPv4Address.any : chosen.first?.addresses.first ?? .any
            let socket = try MDNSSocket.open(port: bindPort, sharingPort: true, address: local)
            let wake: MDNSWake
            do throws(DiscoveryError) {
                if multicast {
                    for interface in chosen {
                        guard let address = interface.addresses.first else { continue }
                        try socket.join(MDNSEndpoint.standard.address, on: address)
                    }
                }
                wake = try MDNSWake()
            } catch {
                socket.close()
                throw error
            }
            started.withLock { $0 = (addresses.map(\.description), socket.localPort) }
            let finished = DispatchSemaphore(value: 0)
            let (group, offsets) = (group, announceOffsets)
            let thread = Thread {
                let loop = MDNSResponderLoop(socket: socket, interfaces: group == nil ? [] : chosen,
                                             group: group ?? .standard, records: records)
                loop.run(announceOffsets: offsets, wake: wake)
                socket.close()
                finished.signal()
            }
            thread.name = "harbor-mdns-responder"
            thread.start()
            state = .running(wake: wake, finished: finished)
        }
    }

    /// Sends the goodbye, closes the socket and joins the thread. Stopping twice,
    /// or a responder never started, does nothing.
    public func stop() {
        lifecycle.withLock { state in
            guard case let .running(wake, finished) = state else {
                state = .stopped
                return
            }
            wake.nudge()
            finished.wait()
            wake.close()
            state = .stopped
        }
    }
}
