import Testing
@testable import HarborDrivers

/// The responder's answering rules, without sockets.
@Suite struct MDNSServiceRecordsTests {
    let service = DNSName(dotted: "_harbor-lock._tcp.local")
    let instance = DNSName(labels: ["Sim Bench", "_harbor-lock", "_tcp", "local"])
    let host = DNSName(dotted: "sim-bench.local")
    let advertisement = MDNSServiceAdvertisement(
        instanceName: "Sim Bench", hostName: "sim-bench", port: 4001,
        txt: ["protocol": "cu-xor", "lockers": "16", "address": "1", "serial": "ab12"])

    func records() throws -> MDNSServiceRecords {
        try MDNSServiceRecords(advertisement, addresses: [try #require(IPv4Address("127.0.0.1"))])
    }

    @Test func announcementCarriesEveryRecordWithItsTTLAndFlushBit() throws {
        let answers = try records().announcement.answers
        #expect(answers.map(\.type) == [.ptr, .srv, .txt, .a])
        #expect(answers.map(\.ttl) == [4500, 120, 4500, 120])
        #expect(answers.map(\.cacheFlush) == [false, true, true, true])
        #expect(answers[0].data == .ptr(instance))
        #expect(answers[1].data == .srv(priority: 0, weight: 0, port: 4001, target: host))
        #expect(try records().announcement.isResponse)
    }

    @Test func goodbyeHasTTLZero() throws {
        let goodbye = try records().goodbye
        #expect(goodbye.answers.count == 4)
        #expect(goodbye.answers.allSatisfy { $0.ttl == 0 })
    }

    @Test func ptrQueryFromPort5353GetsAMulticastAnswerWithAdditionals() throws {
        let reply = try #require(try records().reply(to: .query([DNSQuestion(name: service, type: .ptr)]), sourcePort: 5353))
        #expect(!reply.isUnicast)
        #expect(reply.message.id == 0 && reply.message.questions.isEmpty)
        #expect(reply.message.answers.map(\.type) == [.ptr])
        #expect(reply.message.additionals.map(\.type) == [.srv, .txt, .a])
    }

    @Test func unicastResponseBitGetsAUnicastAnswer() throws {
        let query = DNSMessage.query([DNSQuestion(name: service, type: .ptr, wantsUnicastResponse: true)])
        let reply = try #require(try records().reply(to: query, sourcePort: 5353))
        #expect(reply.isUnicast)
        #expect(reply.message.answers.first?.ttl == 4500)
    }

    @Test func legacyQueryGetsItsIDQuestionsShortTTLsAndNoFlushBits() throws {
        let query = DNSMessage.query([DNSQuestion(name: instance, type: .srv)], id: 0x4242)
        let reply = try #require(try records().reply(to: query, sourcePort: 40000))
        #expect(reply.isUnicast)
        #expect(reply.message.id == 0x4242)
        #expect(reply.message.questions == query.questions)
        #expect(reply.message.answers.map(\.type) == [.srv])
        #expect(reply.message.additionals.map(\.type) == [.a])
        #expect((reply.message.answers + reply.message.additionals).allSatisfy { $0.ttl <= 10 && !$0.cacheFlush })
    }

    @Test func instanceHostAndEnumerationQuestionsAreAnswered() throws {
        let records = try records()
        let any = try #require(records.reply(to: .query([DNSQuestion(name: instance, type: .any)]), sourcePort: 5353))
        #expect(any.message.answers.map(\.type) == [.srv, .txt])
        let txt = try #require(records.reply(to: .query([DNSQuestion(name: instance, type: .txt)]), sourcePort: 5353))
        #expect(txt.message.answers.map(\.type) == [.txt] && txt.message.additionals.isEmpty)
        let address = try #require(records.reply(to: .query([DNSQuestion(name: host, type: .a)]), sourcePort: 5353))
        #expect(address.message.answers.map(\.type) == [.a])
        let types = try #require(records.reply(
            to: .query([DNSQuestion(name: DNSName(dotted: "_services._dns-sd._udp.local"), type: .ptr)]), sourcePort: 5353))
        #expect(types.message.answers.first?.data == .ptr(service))
    }

    @Test func foreignQuestionsResponsesAndKnownAnswersGetNoReply() throws {
        let records = try records()
        #expect(records.reply(to: .query([DNSQuestion(name: DNSName(dotted: "_ipp._tcp.local"), type: .ptr)]), sourcePort: 5353) == nil)
        #expect(records.reply(to: .query([DNSQuestion(name: host, type: .aaaa)]), sourcePort: 5353) == nil)
        var response = DNSMessage.query([DNSQuestion(name: service, type: .ptr)])
        response.flags = 0x8400
        #expect(records.reply(to: response, sourcePort: 5353) == nil)
        var known = DNSMessage.query([DNSQuestion(name: service, type: .ptr)])
        known.answers = [DNSRecord(name: service, data: .ptr(instance), ttl: 4000)]
        #expect(records.reply(to: known, sourcePort: 5353) == nil)
        // A known answer about to expire (under half its TTL) is answered again.
        known.answers[0].ttl = 1000
        #expect(records.reply(to: known, sourcePort: 5353) != nil)
    }

    @Test func hostNameGetsTheDomainOnce() throws {
        var dotted = advertisement
        dotted.hostName = "sim-bench.LOCAL"
        #expect(try MDNSServiceRecords(dotted, addresses: []).hostName == host)
        #expect(try records().hostName == host)
    }

    @Test(arguments: [
        (MDNSServiceAdvertisement(instanceName: "x", hostName: "h", port: 0), "port 0"),
        (MDNSServiceAdvertisement(instanceName: String(repeating: "n", count: 64), hostName: "h", port: 1), "label"),
        (MDNSServiceAdvertisement(instanceName: "x", hostName: "h", port: 1, txt: ["k": String(repeating: "v", count: 300)]), "TXT"),
        (MDNSServiceAdvertisement(instanceName: "x", serviceType: "_tcp", hostName: "h", port: 1), "service type"),
    ])
    func unwritableAdvertisementsAreRefused(advertisement: MDNSServiceAdvertisement, why: String) {
        #expect {
            try MDNSServiceRecords(advertisement, addresses: [])
        } throws: { error in
            guard case let .invalidService(text) = error as? DiscoveryError else { return false }
            return text.contains(why)
        }
    }
}
