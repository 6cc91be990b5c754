/// A DNS message (RFC 1035 §4.1) as multicast DNS uses it (RFC 6762).
///
/// The codec is written by hand: the gateway's build has no Swift DNS library, and
/// DNS-SD browsing needs only the header, questions, the three record sections,
/// name compression (read and write) and the PTR, SRV, TXT, A and AAAA types.
struct DNSMessage: Hashable, Sendable {
    /// 0 for multicast queries and responses; echoed in legacy unicast replies.
    var id: UInt16 = 0
    /// QR, opcode, AA, TC, RD, RA, Z, RCODE, as on the wire.
    var flags: UInt16 = 0
    var questions: [DNSQuestion] = []
    var answers: [DNSRecord] = []
    var authorities: [DNSRecord] = []
    var additionals: [DNSRecord] = []

    /// QR set: the flags of an authoritative mDNS response (RFC 6762 §18.2, §18.4).
    static let responseFlags: UInt16 = 0x8400

    /// The QR bit.
    var isResponse: Bool {
        flags & 0x8000 != 0
    }

    /// A query with these questions.
    static func query(_ questions: [DNSQuestion], id: UInt16 = 0) -> DNSMessage {
        DNSMessage(id: id, flags: 0, questions: questions)
    }

    /// Every record of the three record sections.
    var records: [DNSRecord] {
        answers + authorities + additionals
    }

    /// Decodes `bytes`; throws on anything malformed, truncated or looping.
    init(decoding bytes: [UInt8]) throws(DNSMessageError) {
        var reader = DNSMessageReader(bytes)
        id = try reader.readUInt16()
        flags = try reader.readUInt16()
        let questionCount = try reader.readUInt16()
        let answerCount = try reader.readUInt16()
        let authorityCount = try reader.readUInt16()
        let additionalCount = try reader.readUInt16()
        questions = []
        for _ in 0..<questionCount {
            questions.append(try reader.readQuestion())
        }
        answers = try reader.readRecords(count: answerCount)
        authorities = try reader.readRecords(count: authorityCount)
        additionals = try reader.readRecords(count: additionalCount)
    }

    init(id: UInt16 = 0, flags: UInt16 = 0, questions: [DNSQuestion] = [], answers: [DNSRecord] = [],
         authorities: [DNSRecord] = [], additionals: [DNSRecord] = []) {
        self.id = id
        self.flags = flags
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    /// The wire bytes, with names compressed against earlier ones.
    func encoded() throws(DNSMessageError) -> [UInt8] {
        var writer = DNSMessageWriter()
        writer.writeUInt16(id)
        writer.writeUInt16(flags)
        for count in [questions.count, answers.count, authorities.count, additionals.count] {
            writer.writeUInt16(UInt16(clamping: count))
        }
        for question in questions {
            try writer.writeQuestion(question)
        }
        for record in records {
            try writer.writeRecord(record)
        }
        return writer.bytes
    }
}
