/// The mDNS message codec the DNS-SD browser and responder use on packets from
/// anyone on the LAN.
enum DNSMessageFuzzing {
    static func exercise(_ bytes: [UInt8]) {
        func codec() -> String { "dns-sd message" }
        let message: DNSMessage
        do {
            message = try DNSMessage(decoding: bytes)
        } catch {
            return
        }
        // By design the writer refuses record types it does not understand (their
        // data may hold pointers into the packet they came from), and labels that
        // grew past 63 bytes, or names past 255, when invalid UTF-8 was replaced.
        let encoded: [UInt8]
        do {
            encoded = try message.encoded()
        } catch {
            switch error {
            case .unwritableRecord, .badLabel, .nameTooLong: return
            default: FuzzChecks.broken(codec(), "\(Hex.string(bytes)) decodes but does not encode: \(error)")
            }
        }
        do {
            let again = try DNSMessage(decoding: encoded)
            guard again == message else {
                FuzzChecks.broken(codec(), "\(Hex.string(bytes)) re-encodes to \(Hex.string(encoded)), a different message")
            }
        } catch {
            FuzzChecks.broken(codec(), "\(Hex.string(bytes)) re-encodes to \(Hex.string(encoded)), which fails: \(error)")
        }
    }
}
