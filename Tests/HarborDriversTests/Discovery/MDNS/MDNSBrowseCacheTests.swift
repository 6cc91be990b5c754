import Testing
@testable import HarborDrivers

@Suite struct MDNSBrowseCacheTests {
    let service = DNSName(dotted: "_harbor-lock._tcp.local")
    let instance = DNSName(labels: ["Bench", "_harbor-lock", "_tcp", "local"])
    let host = DNSName(dotted: "bench.local")
    let start = ContinuousClock.now

    func response(_ records: [DNSRecord]) -> DNSMessage {
        DNSMessage(flags: 0x8400, answers: Array(records.prefix(1)), additionals: Array(records.dropFirst()))
    }

    func fullAnnouncement(port: UInt16 = 4001, serial: String = "a1b2", address: String = "10.0.0.5") throws -> [DNSRecord] {
        let ipv4 = try #require(IPv4Address(address))
        let ipv6 = try #require(IPv6Address("fd00::5"))
        return [
            DNSRecord(name: service, data: .ptr(instance), ttl: 4500),
            DNSRecord(name: instance, data: .srv(priority: 0, weight: 0, port: port, target: host), ttl: 120, cacheFlush: true),
            DNSRecord(name: instance, data: .txt(ServiceText.strings(["protocol": "cu-xor", "lockers": "16", "address": "1",
                                                                       "serial": serial])), ttl: 4500, cacheFlush: true),
            DNSRecord(name: host, data: .a(ipv4), ttl: 120, cacheFlush: true),
            DNSRecord(name: host, data: .aaaa(ipv6), ttl: 120, cacheFlush: true),
        ]
    }

    @Test func oneResponseWithAdditionalsResolvesTheService() throws {
        var cache = MDNSBrowseCache(serviceName: service)
        cache.absorb(response(try fullAnnouncement()), at: start)
        #expect(cache.services(serviceType: "_harbor-lock._tcp", domain: "local") == [DiscoveredService(
            instanceName: "Bench", serviceType: "_harbor-lock._tcp", hostName: "bench.local", port: 4001,
            ipv4Addresses: ["10.0.0.5"], ipv6Addresses: ["fd00::5"],
            txt: ["protocol": "cu-xor", "lockers": "16", "address": "1", "serial": "a1b2"])])
        #expect(cache.missingQuestions().isEmpty)
    }

    @Test func theSameInstanceTwiceInAnyCaseIsOneService() throws {
        var cache = MDNSBrowseCache(serviceName: service)
        cache.absorb(response(try fullAnnouncement()), at: start)
        let shouted = DNSName(labels: ["BENCH", "_HARBOR-LOCK", "_tcp", "local"])
        cache.absorb(response([DNSRecord(name: DNSName(dotted: "_Harbor-Lock._TCP.local"), data: .ptr(shouted), ttl: 4500)]),
                     at: start + .milliseconds(200))
        cache.absorb(response(try fullAnnouncement()), at: start + .milliseconds(400))
        #expect(cache.services(serviceType: "_harbor-lock._tcp", domain: "local").count == 1)
    }

    @Test func missingRecordsBecomeFollowUpQuestions() throws {
        var cache = MDNSBrowseCache(serviceName: service)
        cache.absorb(response([DNSRecord(name: service, data: .ptr(instance), ttl: 4500)]), at: start)
        #expect(cache.missingQuestions() == [DNSQuestion(name: instance, type: .srv), DNSQuestion(name: instance, type: .txt)])
        #expect(cache.services(serviceType: "_harbor-lock._tcp", domain: "local").isEmpty)
        let records = try fullAnnouncement()
        cache.absorb(response([records[1]]), at: start)
        #expect(cache.missingQuestions() == [DNSQuestion(name: instance, type: .txt), DNSQuestion(name: host, type: .a)])
        // With an SRV the instance is reported, even before its TXT and address arrive.
        let early = cache.services(serviceType: "_harbor-lock._tcp", domain: "local")
        #expect(early.first?.port == 4001 && early.first?.txt == [:] && early.first?.ipv4Addresses == [])
    }

    @Test func goodbyeRemovesTheInstance() throws {
        var cache = MDNSBrowseCache(serviceName: service)
        let records = try fullAnnouncement()
        cache.absorb(response(records), at: start)
        cache.absorb(response([records[0].goodbye]), at: start + .milliseconds(500))
        #expect(cache.services(serviceType: "_harbor-lock._tcp", domain: "local").isEmpty)
    }

    @Test func cacheFlushReplacesOlderRecordsButNotTheSameBurst() throws {
        var cache = MDNSBrowseCache(serviceName: service)
        cache.absorb(response(try fullAnnouncement(port: 4001, address: "10.0.0.5")), at: start)
        // Within one second: part of the same announcement, both addresses stay.
        cache.absorb(response(try fullAnnouncement(port: 4001, address: "10.0.0.6")), at: start + .milliseconds(300))
        #expect(cache.services(serviceType: "_harbor-lock._tcp", domain: "local").first?.ipv4Addresses == ["10.0.0.5", "10.0.0.6"])
        // Later: the controller moved; the new SRV, TXT and A replace the old ones.
        cache.absorb(response(try fullAnnouncement(port: 5002, serial: "a1b2", address: "10.0.0.9")), at: start + .seconds(3))
        let moved = cache.services(serviceType: "_harbor-lock._tcp", domain: "local")
        #expect(moved.first?.ipv4Addresses == ["10.0.0.9"])
        #expect(moved.first?.port == 5002)
    }

    @Test func queriesAndOtherServicesAreIgnored() throws {
        var cache = MDNSBrowseCache(serviceName: service)
        let records = try fullAnnouncement()
        // A query carrying known answers says nothing about what is out there.
        cache.absorb(DNSMessage(questions: [DNSQuestion(name: service, type: .ptr)], answers: records), at: start)
        let printer = DNSName(labels: ["Printer", "_ipp", "_tcp", "local"])
        cache.absorb(response([DNSRecord(name: service, data: .ptr(printer), ttl: 4500)]), at: start)
        #expect(cache.services(serviceType: "_harbor-lock._tcp", domain: "local").isEmpty)
        #expect(cache.missingQuestions().isEmpty)
    }
}
