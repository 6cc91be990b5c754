import Foundation

/// Finds DNS-SD service instances (by default networked lock controllers,
/// `_harbor-lock._tcp`) with multicast DNS queries.
///
/// It only asks: it never answers questions or announces anything, so it runs
/// beside avahi-daemon. Queries leave from an ephemeral port, so responders reply
/// by unicast (RFC 6762 §6.7); a second socket shares port 5353 to hear multicast
/// answers too. The I/O runs on a thread of its own in a poll(2) loop and never
/// blocks Swift's cooperative pool.
public struct MDNSBrowser: Sendable {
    /// Where it asks.
    public let interfaces: MDNSInterfaceSelection
    let endpoint: MDNSEndpoint
    let queryOffsets: [Duration]

    /// A browser on `interfaces` (every multicast-capable IPv4 interface by default).
    public init(interfaces: MDNSInterfaceSelection = .automatic) {
        self.init(interfaces: interfaces, endpoint: .standard)
    }

    /// Tests point the browser at a unicast loopback endpoint instead of the group.
    init(interfaces: MDNSInterfaceSelection, endpoint: MDNSEndpoint,
         queryOffsets: [Duration] = [.zero, .seconds(1), .seconds(2), .seconds(4)]) {
        self.interfaces = interfaces
        self.endpoint = endpoint
        self.queryOffsets = queryOffsets
    }

    /// The longest browse; the caller's timeout is cut to this.
    public static let longestBrowse = Duration.seconds(30)

    /// Browses for `timeout` (at most `longestBrowse`) and returns every instance of
    /// `service` that answered with its SRV record, sorted by instance name. Ends
    /// early, with what it found, when the task is cancelled. On a machine without a
    /// multicast-capable interface it returns an empty list at once.
    public func browse(service: String = "_harbor-lock._tcp", domain: String = "local", timeout: Duration)
        async throws(DiscoveryError) -> [DiscoveredService] {
        let serviceName = DNSName(dotted: service + "." + domain)
        var probe = DNSMessageWriter()
        guard serviceName.labels.count >= 3, (try? probe.writeName(serviceName)) != nil else {
            throw .invalidService("'\(service).\(domain)' is not a service type like _harbor-lock._tcp.local")
        }
        let chosen = try MulticastInterfaces.resolve(interfaces)
        guard !chosen.isEmpty else { return [] }
        let window = min(max(timeout, .zero), Self.longestBrowse)
        let deadline = ContinuousClock.now + window
        // A unicast endpoint (tests) is reached from the chosen interface's address only.
        let queryAddress = endpoint.isMulticast ? IPv4Address.any : chosen.first?.addresses.first ?? .any
        let querySocket = try MDNSSocket.open(port: 0, sharingPort: false, address: queryAddress)
        let listenSocket = endpoint.isMulticast ? Self.openListener(port: endpoint.port, interfaces: chosen) : nil
        let wake: MDNSWake
        do {
            wake = try MDNSWake()
        } catch {
            querySocket.close()
            listenSocket?.close()
            throw error
        }
        let (endpoint, offsets) = (endpoint, queryOffsets)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[DiscoveredService], DiscoveryError>, Never>) in
                let thread = Thread {
                    var loop = MDNSBrowseLoop(
                        querySocket: querySocket, listenSocket: listenSocket, interfaces: chosen, endpoint: endpoint,
                        queryID: UInt16.random(in: 1...UInt16.max), serviceType: service, domain: domain,
                        serviceName: serviceName)
                    let result = loop.run(queryOffsets: offsets, deadline: deadline, wake: wake)
                    querySocket.close()
                    listenSocket?.close()
                    continuation.resume(returning: result)
                }
                thread.name = "harbor-mdns-browse"
                thread.start()
            }
        } onCancel: {
            wake.nudge()
        }
        wake.close()
        return try outcome.get().sorted { $0.instanceName < $1.instanceName }
    }

    /// The 5353 socket, joined to the group on every interface that lets it; nil
    /// when the port cannot be shared (some other stack holds it exclusively): the
    /// unicast replies to the query socket still arrive.
    private static func openListener(port: UInt16, interfaces: [MulticastInterface]) -> MDNSSocket? {
        guard let socket = try? MDNSSocket.open(port: port, sharingPort: true) else { return nil }
        var joined = false
        for interface in interfaces {
            guard let address = interface.addresses.first else { continue }
            if (try? socket.join(.multicastDNSGroup, on: address)) != nil { joined = true }
        }
        guard joined else {
            socket.close()
            return nil
        }
        return socket
    }
}
