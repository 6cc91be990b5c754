import ArgumentParser
import Glibc
import HarborDrivers

/// `--advertise` and its companions: announce the simulator's TCP endpoint as a
/// `_harbor-lock._tcp` controller by mDNS, so a gateway scan finds it.
struct AdvertiseOptions: ParsableArguments {
    @Flag(name: .customLong("advertise"), help: "Announce the TCP endpoint by mDNS as _harbor-lock._tcp (needs --tcp-port).")
    var enabled = false

    @Option(name: .customLong("advertise-name"), help: "mDNS instance name (default harbor-sim-HOST-PORT).")
    var name: String?

    @Option(name: .customLong("advertise-serial"), help: "TXT serial, the id a gateway recognises the controller by (default derived from the name).")
    var serial: String?

    @Option(name: .customLong("advertise-interface"), help: "Answer on this interface only (default every multicast-capable one).")
    var interface: String?

    @Option(name: .customLong("advertise-address"), help: "Answer on the interface holding this IPv4 address and announce only it.")
    var address: String?

    /// Refuses combinations that cannot work, before anything opens.
    func check(tcpPort: Int?) throws {
        let companions = [("--advertise-name", name), ("--advertise-serial", serial),
                          ("--advertise-interface", interface), ("--advertise-address", address)]
        guard enabled else {
            if let (flag, _) = companions.first(where: { $0.1 != nil }) {
                throw ValidationError("\(flag) needs --advertise")
            }
            return
        }
        guard tcpPort != nil else { throw ValidationError("--advertise needs --tcp-port") }
        if interface != nil, address != nil {
            throw ValidationError("give --advertise-interface or --advertise-address, not both")
        }
        var parsed = in_addr()
        if let address, inet_pton(AF_INET, address, &parsed) != 1 {
            throw ValidationError("--advertise-address '\(address)' is not an IPv4 address")
        }
        if let name, name.isEmpty || name.utf8.count > 63 {
            throw ValidationError("--advertise-name must be 1 to 63 bytes")
        }
        if let serial, serial.isEmpty || serial.utf8.count > 200 {
            throw ValidationError("--advertise-serial must be 1 to 200 bytes")
        }
    }

    /// The responder for the line's first board, served on `port`.
    func responder(first board: SimulatedBoardSpecification, port: Int) -> MDNSResponder {
        let instance = name ?? Self.defaultName(port: port)
        let advertisement = MDNSServiceAdvertisement(
            instanceName: instance, hostName: Self.hostLabel(for: instance), port: port,
            txt: ["protocol": board.boardProtocol.rawValue, "lockers": String(board.channelCount),
                  "address": String(board.address), "serial": serial ?? Self.serial(for: instance)],
            ipv4Addresses: address.map { [$0] } ?? [])
        let interfaces: MDNSInterfaceSelection =
            if let interface { .named([interface]) } else if let address { .addresses([address]) } else { .automatic }
        return MDNSResponder(advertisement: advertisement, interfaces: interfaces)
    }

    /// "harbor-sim-HOST-PORT": unique per host and port, readable in a scan.
    static func defaultName(port: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        let shortHost = host.split(separator: ".").first.map(String.init) ?? "host"
        return String("harbor-sim-\(shortHost.prefix(32))-\(port)".prefix(63))
    }

    /// A host label of its own (never the machine's name, which avahi-daemon owns):
    /// the instance name in lower case, anything but letters and digits as "-".
    static func hostLabel(for instance: String) -> String {
        let mapped = instance.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let label = String(mapped).split(separator: "-").joined(separator: "-").prefix(63)
        return label.isEmpty ? "harbor-sim" : String(label)
    }

    /// Twelve hex digits of the name's FNV-1a hash: stable for a name, so a gateway
    /// recognises the same simulated controller when its address changes.
    static func serial(for instance: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in instance.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).suffix(12))
    }
}
