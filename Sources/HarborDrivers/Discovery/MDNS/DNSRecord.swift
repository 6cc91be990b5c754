/// A DNS resource record type number (RFC 1035, RFC 2782, RFC 3596).
struct DNSRecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    let rawValue: UInt16

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    static let a = DNSRecordType(rawValue: 1)
    static let ptr = DNSRecordType(rawValue: 12)
    static let txt = DNSRecordType(rawValue: 16)
    static let aaaa = DNSRecordType(rawValue: 28)
    static let srv = DNSRecordType(rawValue: 33)
    /// Only in questions: every record of the name.
    static let any = DNSRecordType(rawValue: 255)

    var description: String {
        switch self {
        case .a: "A"
        case .ptr: "PTR"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        case .srv: "SRV"
        case .any: "ANY"
        default: "TYPE\(rawValue)"
        }
    }
}

/// The Internet class, the only one mDNS uses.
let dnsClassInternet: UInt16 = 1

/// One question: a name, a type, and the mDNS "unicast response" (QU) bit, which
/// rides in the top bit of the class field (RFC 6762 §5.4).
struct DNSQuestion: Hashable, Sendable {
    var name: DNSName
    var type: DNSRecordType
    var wantsUnicastResponse = false
    /// The class without the QU bit.
    var recordClass: UInt16 = dnsClassInternet
}

/// The data of a record of a type the browser and responder understand; any other
/// type is kept as raw bytes and never written back (names inside it could hold
/// compression pointers into the message it came from).
enum DNSRecordData: Hashable, Sendable {
    case ptr(DNSName)
    case srv(priority: UInt16, weight: UInt16, port: UInt16, target: DNSName)
    /// The character-strings, each at most 255 bytes.
    case txt([[UInt8]])
    case a(IPv4Address)
    case aaaa(IPv6Address)
    case other(DNSRecordType, [UInt8])

    var type: DNSRecordType {
        switch self {
        case .ptr: .ptr
        case .srv: .srv
        case .txt: .txt
        case .a: .a
        case .aaaa: .aaaa
        case let .other(type, _): type
        }
    }
}

/// One resource record. In mDNS the top bit of the class is the cache-flush bit
/// (RFC 6762 §10.2): the record replaces every cached one of its name and type.
struct DNSRecord: Hashable, Sendable {
    var name: DNSName
    var data: DNSRecordData
    var ttl: UInt32
    var cacheFlush = false
    /// The class without the cache-flush bit.
    var recordClass: UInt16 = dnsClassInternet

    var type: DNSRecordType { data.type }

    /// The same record with a time to live of zero: a goodbye (RFC 6762 §10.1).
    var goodbye: DNSRecord {
        var record = self
        record.ttl = 0
        return record
    }
}
