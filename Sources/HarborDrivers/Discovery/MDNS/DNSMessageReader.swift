/// Reads a DNS message field by field, checking every length against the bytes
/// and following compression pointers only backwards, so a hostile or truncated
/// packet ends in a `DNSMessageError`, never in a crash or an endless loop.
struct DNSMessageReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func readUInt8() throws(DNSMessageError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() throws(DNSMessageError) -> UInt16 {
        let high = try readUInt8()
        return UInt16(high) << 8 | UInt16(try readUInt8())
    }

    mutating func readUInt32() throws(DNSMessageError) -> UInt32 {
        let high = try readUInt16()
        return UInt32(high) << 16 | UInt32(try readUInt16())
    }

    mutating func readBytes(_ count: Int) throws(DNSMessageError) -> [UInt8] {
        guard count <= bytes.count - offset else { throw .truncated(offset: offset) }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A name, following compression pointers (RFC 1035 §4.1.4). Each pointer must
    /// point before the previous jump target (at first: before the name's start),
    /// which both matches how any compressor writes and guarantees termination.
    mutating func readName() throws(DNSMessageError) -> DNSName {
        var labels: [String] = []
        var wireLength = 1
        var position = offset
        var pointerLimit = offset
        var jumped = false
        while true {
            guard position < bytes.count else { throw .truncated(offset: position) }
            let length = bytes[position]
            switch length & 0xC0 {
            case 0x00:
                guard length > 0 else {
                    if !jumped { offset = position + 1 }
                    return DNSName(labels: labels)
                }
                let start = position + 1
                let end = start + Int(length)
                guard end <= bytes.count else { throw .truncated(offset: position) }
                wireLength += Int(length) + 1
                guard wireLength <= 255 else { throw .nameTooLong }
                labels.append(String(decoding: bytes[start..<end], as: UTF8.self))
                position = end
            case 0xC0:
                guard position + 1 < bytes.count else { throw .truncated(offset: position) }
                let target = Int(length & 0x3F) << 8 | Int(bytes[position + 1])
                guard target < pointerLimit else { throw .badPointer(offset: position) }
                if !jumped { offset = position + 2 }
                jumped = true
                pointerLimit = target
                position = target
            default:
                throw .unsupportedLabel(offset: position)
            }
        }
    }

    mutating func readQuestion() throws(DNSMessageError) -> DNSQuestion {
        let name = try readName()
        let type = DNSRecordType(rawValue: try readUInt16())
        let classField = try readUInt16()
        return DNSQuestion(name: name, type: type, wantsUnicastResponse: classField & 0x8000 != 0,
                           recordClass: classField & 0x7FFF)
    }

    mutating func readRecords(count: UInt16) throws(DNSMessageError) -> [DNSRecord] {
        var records: [DNSRecord] = []
        for _ in 0..<count {
            records.append(try readRecord())
        }
        return records
    }

    mutating func readRecord() throws(DNSMessageError) -> DNSRecord {
        let name = try readName()
        let type = DNSRecordType(rawValue: try readUInt16())
        let classField = try readUInt16()
        let ttl = try readUInt32()
        let length = Int(try readUInt16())
        let start = offset
        guard length <= bytes.count - start else { throw .truncated(offset: start) }
        let data = try readRecordData(type, end: start + length)
        guard offset == start + length else { throw .badRecordData(type: type, offset: start) }
        return DNSRecord(name: name, data: data, ttl: ttl, cacheFlush: classField & 0x8000 != 0,
                         recordClass: classField & 0x7FFF)
    }

    /// The data of one record, which must end exactly at `end`.
    private mutating func readRecordData(_ type: DNSRecordType, end: Int) throws(DNSMessageError) -> DNSRecordData {
        let start = offset
        switch type {
        case .ptr:
            return .ptr(try readName())
        case .srv:
            guard end - start >= 7 else { throw .badRecordData(type: type, offset: start) }
            let priority = try readUInt16()
            let weight = try readUInt16()
            let port = try readUInt16()
            return .srv(priority: priority, weight: weight, port: port, target: try readName())
        case .txt:
            var strings: [[UInt8]] = []
            while offset < end {
                let count = Int(try readUInt8())
                guard count <= end - offset else { throw .badRecordData(type: type, offset: offset - 1) }
                strings.append(try readBytes(count))
            }
            return .txt(strings)
        case .a:
            guard let address = IPv4Address(bytes: try readBytes(end - start)) else {
                throw .badRecordData(type: type, offset: start)
            }
            return .a(address)
        case .aaaa:
            guard let address = IPv6Address(bytes: try readBytes(end - start)) else {
                throw .badRecordData(type: type, offset: start)
            }
            return .aaaa(address)
        default:
            return .other(type, try readBytes(end - start))
        }
    }
}
