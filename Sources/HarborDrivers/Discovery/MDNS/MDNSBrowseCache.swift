/// What a browse has heard so far, and what it still lacks.
///
/// Records from every response (answers, authority and additional sections alike)
/// land here; a record with TTL 0 is a goodbye and removes its twin; a record with
/// the cache-flush bit replaces older records of its name and type (RFC 6762 §10.2).
struct MDNSBrowseCache {
    private struct Key: Hashable {
        let name: DNSName
        let data: DNSRecordData
    }

    private struct Entry {
        let record: DNSRecord
        let receivedAt: ContinuousClock.Instant
    }

    /// "_harbor-lock._tcp.local".
    let serviceName: DNSName
    private var entries: [Key: Entry] = [:]
    /// Insertion order, so results and follow-up questions come out the same way each time.
    private var order: [Key] = []

    init(serviceName: DNSName) {
        self.serviceName = serviceName
    }

    /// Takes in every record of a response; queries are ignored.
    mutating func absorb(_ message: DNSMessage, at now: ContinuousClock.Instant) {
        guard message.isResponse else { return }
        let records = message.records
        // §10.2: a flushing record leaves records of its name and type that arrived
        // within the last second, since they belong to the same announcement burst.
        let flushing = Set(records.filter(\.cacheFlush).map { FlushKey(name: $0.name, type: $0.type) })
        if !flushing.isEmpty {
            for (key, entry) in entries
            where flushing.contains(FlushKey(name: key.name, type: key.data.type))
                && entry.receivedAt.duration(to: now) > .seconds(1) {
                entries[key] = nil
            }
        }
        for record in records {
            let key = Key(name: record.name, data: record.data)
            if record.ttl == 0 {
                entries[key] = nil
            } else {
                if entries[key] == nil { order.append(key) }
                entries[key] = Entry(record: record, receivedAt: now)
            }
        }
        order.removeAll { entries[$0] == nil }
    }

    /// Every instance of the service whose SRV record arrived, one per instance name.
    func services(serviceType: String, domain: String) -> [DiscoveredService] {
        instances().compactMap { instance in
            guard let target = location(of: instance) else { return nil }
            let text = records(named: instance).compactMap { record -> [[UInt8]]? in
                if case let .txt(strings) = record.data { return strings }
                return nil
            }.first ?? []
            var ipv4: [String] = []
            var ipv6: [String] = []
            for record in records(named: target.host) {
                switch record.data {
                case let .a(address): ipv4.append(address.description)
                case let .aaaa(address): ipv6.append(address.description)
                default: break
                }
            }
            return DiscoveredService(
                instanceName: instance.labels.first ?? "", serviceType: serviceType, domain: domain,
                hostName: target.host.description, port: Int(target.port),
                ipv4Addresses: ipv4, ipv6Addresses: ipv6, txt: ServiceText.dictionary(text))
        }
    }

    /// Questions for what is still missing: SRV and TXT of instances, A of hosts.
    func missingQuestions() -> [DNSQuestion] {
        var questions: [DNSQuestion] = []
        for instance in instances() {
            let types = Set(records(named: instance).map(\.type))
            if !types.contains(.srv) { questions.append(DNSQuestion(name: instance, type: .srv)) }
            if !types.contains(.txt) { questions.append(DNSQuestion(name: instance, type: .txt)) }
            if let target = location(of: instance), !records(named: target.host).contains(where: { $0.type == .a }) {
                questions.append(DNSQuestion(name: target.host, type: .a))
            }
        }
        return questions
    }

    /// Instance names under the service, each once (names compare without case).
    private func instances() -> [DNSName] {
        var seen: Set<DNSName> = []
        var found: [DNSName] = []
        for record in records(named: serviceName) {
            guard case let .ptr(instance) = record.data, instance.labels.count > serviceName.labels.count,
                  instance.parent == serviceName, seen.insert(instance).inserted else { continue }
            found.append(instance)
        }
        return found
    }

    /// The SRV record to use: lowest priority, then highest weight (RFC 2782).
    private func location(of instance: DNSName) -> (host: DNSName, port: UInt16)? {
        var best: (priority: UInt16, weight: UInt16, host: DNSName, port: UInt16)?
        for record in records(named: instance) {
            guard case let .srv(priority, weight, port, target) = record.data else { continue }
            if let current = best, (current.priority, UInt16.max - current.weight) <= (priority, UInt16.max - weight) {
                continue
            }
            best = (priority, weight, target, port)
        }
        return best.map { ($0.host, $0.port) }
    }

    private func records(named name: DNSName) -> [DNSRecord] {
        order.compactMap { $0.name == name ? entries[$0]?.record : nil }
    }
}

/// A record's name and type: what the cache-flush bit replaces.
private struct FlushKey: Hashable {
    let name: DNSName
    let type: DNSRecordType
}
