/// How a responder sends one reply.
struct MDNSReply: Equatable {
    let message: DNSMessage
    /// To the querier's address and port instead of the group.
    let isUnicast: Bool
}

/// The records of one advertised instance and the rules for answering with them
/// (RFC 6762 §6: which questions match, additional records, legacy unicast).
struct MDNSServiceRecords: Sendable {
    /// RFC 6762 §10: 120 s for records naming a host, 75 minutes for the others.
    static let hostRecordTTL: UInt32 = 120
    static let otherRecordTTL: UInt32 = 4500
    /// RFC 6762 §6.7: legacy unicast answers carry at most 10 s.
    static let legacyTTL: UInt32 = 10
    static let enumerationName = DNSName(dotted: "_services._dns-sd._udp.local")

    let serviceName: DNSName
    let instanceName: DNSName
    let hostName: DNSName
    let pointer: DNSRecord
    let location: DNSRecord
    let text: DNSRecord
    let addresses: [DNSRecord]
    let enumeration: DNSRecord

    /// The records for `advertisement` at `addresses`, checked by writing them once.
    init(_ advertisement: MDNSServiceAdvertisement, addresses: [IPv4Address]) throws(DiscoveryError) {
        guard (1...65535).contains(advertisement.port) else {
            throw .invalidService("port \(advertisement.port) is outside 1...65535")
        }
        let domain = DNSName(dotted: advertisement.domain)
        serviceName = DNSName(labels: DNSName(dotted: advertisement.serviceType).labels + domain.labels)
        instanceName = serviceName.prepending(advertisement.instanceName)
        let host = DNSName(dotted: advertisement.hostName)
        hostName = host.labels.suffix(domain.labels.count).elementsEqual(domain.labels) { DNSName.foldCase($0) == DNSName.foldCase($1) }
            ? host : DNSName(labels: host.labels + domain.labels)
        pointer = DNSRecord(name: serviceName, data: .ptr(instanceName), ttl: Self.otherRecordTTL)
        location = DNSRecord(name: instanceName, data: .srv(priority: 0, weight: 0, port: UInt16(advertisement.port), target: hostName),
                             ttl: Self.hostRecordTTL, cacheFlush: true)
        text = DNSRecord(name: instanceName, data: .txt(ServiceText.strings(advertisement.txt)),
                         ttl: Self.otherRecordTTL, cacheFlush: true)
        self.addresses = addresses.map { [hostName] in
            DNSRecord(name: hostName, data: .a($0), ttl: Self.hostRecordTTL, cacheFlush: true)
        }
        enumeration = DNSRecord(name: Self.enumerationName, data: .ptr(serviceName), ttl: Self.otherRecordTTL)
        guard serviceName.labels.count >= 3 else {
            throw .invalidService("'\(advertisement.serviceType)' is not a service type like _harbor-lock._tcp")
        }
        do {
            _ = try announcement.encoded()
        } catch {
            throw .invalidService(error.description)
        }
    }

    /// The unsolicited response that announces the instance (RFC 6762 §8.3).
    var announcement: DNSMessage {
        DNSMessage(flags: DNSMessage.responseFlags, answers: [pointer, location, text] + addresses)
    }

    /// The same records with TTL 0 (RFC 6762 §10.1), sent on stop.
    var goodbye: DNSMessage {
        DNSMessage(flags: DNSMessage.responseFlags, answers: ([pointer, location, text] + addresses).map(\.goodbye))
    }

    /// The reply to `query` from a querier at `sourcePort`, or nil when nothing in
    /// it is ours or the querier already knows every answer.
    func reply(to query: DNSMessage, sourcePort: UInt16) -> MDNSReply? {
        // Opcode 0 queries only (RFC 6762 §18.3); responses are never answered.
        guard !query.isResponse, query.flags & 0x7800 == 0 else { return nil }
        var answers: [DNSRecord] = []
        var wantsUnicast = false
        for question in query.questions where question.recordClass == dnsClassInternet || question.recordClass == 255 {
            let matching = records(answering: question).filter { candidate in
                !answers.contains(candidate) && !Self.isKnown(candidate, by: query)
            }
            if !matching.isEmpty, question.wantsUnicastResponse { wantsUnicast = true }
            answers += matching
        }
        guard !answers.isEmpty else { return nil }
        var additionals: [DNSRecord] = []
        if answers.contains(pointer) { additionals += [location, text] }
        if answers.contains(location) || answers.contains(pointer) { additionals += addresses }
        additionals.removeAll { answers.contains($0) }
        // RFC 6762 §6.7: a query from a port other than 5353 comes from a plain
        // DNS resolver, which gets its ID and questions back, short TTLs and no
        // cache-flush bits, by unicast.
        guard sourcePort == 5353 else {
            return MDNSReply(message: DNSMessage(id: query.id, flags: DNSMessage.responseFlags, questions: query.questions,
                                                 answers: answers.map(Self.legacy), additionals: additionals.map(Self.legacy)),
                             isUnicast: true)
        }
        return MDNSReply(message: DNSMessage(flags: DNSMessage.responseFlags, answers: answers, additionals: additionals),
                         isUnicast: wantsUnicast)
    }

    private func records(answering question: DNSQuestion) -> [DNSRecord] {
        let type = question.type
        let any = type == .any
        if question.name == serviceName, any || type == .ptr { return [pointer] }
        if question.name == Self.enumerationName, any || type == .ptr { return [enumeration] }
        if question.name == instanceName {
            return (any || type == .srv ? [location] : []) + (any || type == .txt ? [text] : [])
        }
        if question.name == hostName, any || type == .a { return addresses }
        return []
    }

    /// Known-answer suppression (RFC 6762 §7.1): the querier listed the record with
    /// at least half its TTL left.
    private static func isKnown(_ record: DNSRecord, by query: DNSMessage) -> Bool {
        query.answers.contains { $0.name == record.name && $0.data == record.data && $0.ttl >= record.ttl / 2 }
    }

    private static func legacy(_ record: DNSRecord) -> DNSRecord {
        var record = record
        record.ttl = min(record.ttl, legacyTTL)
        record.cacheFlush = false
        return record
    }
}
