/// Writes a DNS message, compressing every name against the names and name
/// suffixes already written (RFC 1035 §4.1.4), including names inside PTR and SRV
/// data, which RFC 6762 §18.14 allows in mDNS.
struct DNSMessageWriter {
    private(set) var bytes: [UInt8] = []
    /// Where each name suffix was first written. Keys keep the labels' case, so a
    /// decoded name reads back exactly as it was given.
    private var suffixOffsets: [ArraySlice<String>: Int] = [:]
    /// A pointer has 14 bits of offset.
    private static let pointerReach = 0x3FFF

    mutating func writeUInt16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func writeUInt32(_ value: UInt32) {
        writeUInt16(UInt16(value >> 16))
        writeUInt16(UInt16(value & 0xFFFF))
    }

    mutating func writeName(_ name: DNSName) throws(DNSMessageError) {
        var wireLength = 1
        for label in name.labels {
            guard (1...63).contains(label.utf8.count) else { throw .badLabel(label) }
            wireLength += label.utf8.count + 1
        }
        guard wireLength <= 255 else { throw .nameTooLong }
        for index in name.labels.indices {
            let suffix = name.labels[index...]
            if let target = suffixOffsets[suffix] {
                writeUInt16(0xC000 | UInt16(target))
                return
            }
            if bytes.count <= Self.pointerReach {
                suffixOffsets[suffix] = bytes.count
            }
            bytes.append(UInt8(name.labels[index].utf8.count))
            bytes.append(contentsOf: name.labels[index].utf8)
        }
        bytes.append(0)
    }

    mutating func writeQuestion(_ question: DNSQuestion) throws(DNSMessageError) {
        try writeName(question.name)
        writeUInt16(question.type.rawValue)
        writeUInt16(question.recordClass & 0x7FFF | (question.wantsUnicastResponse ? 0x8000 : 0))
    }

    mutating func writeRecord(_ record: DNSRecord) throws(DNSMessageError) {
        try writeName(record.name)
        writeUInt16(record.type.rawValue)
        writeUInt16(record.recordClass & 0x7FFF | (record.cacheFlush ? 0x8000 : 0))
        writeUInt32(record.ttl)
        let lengthAt = bytes.count
        writeUInt16(0)
        switch record.data {
        case let .ptr(target):
            try writeName(target)
        case let .srv(priority, weight, port, target):
            writeUInt16(priority)
            writeUInt16(weight)
            writeUInt16(port)
            try writeName(target)
        case let .txt(strings):
            for string in strings {
                guard string.count <= 255 else { throw .textTooLong(string.count) }
                bytes.append(UInt8(string.count))
                bytes.append(contentsOf: string)
            }
        case let .a(address):
            bytes.append(contentsOf: address.bytes)
        case let .aaaa(address):
            bytes.append(contentsOf: address.bytes)
        case let .other(type, _):
            throw .unwritableRecord(type)
        }
        let length = bytes.count - lengthAt - 2
        bytes[lengthAt] = UInt8(length >> 8)
        bytes[lengthAt + 1] = UInt8(length & 0xFF)
    }
}
