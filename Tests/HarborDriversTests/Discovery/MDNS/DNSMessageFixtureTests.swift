import Testing
@testable import HarborDrivers

/// Byte fixtures worked out by hand from RFC 1035 §4.1 and RFC 6762, so the codec
/// is checked against the wire format rather than against itself.
@Suite struct DNSMessageFixtureTests {
    let service = DNSName(dotted: "_harbor-lock._tcp.local")
    let instance = DNSName(labels: ["Bench", "_harbor-lock", "_tcp", "local"])

    /// Header (id 0, flags 0, one question), then the name as length-prefixed
    /// labels, type PTR (12), class IN (1).
    let ptrQuery = Hex.bytes("""
        00 00 00 00 00 01 00 00 00 00 00 00
        0C 5F 68 61 72 62 6F 72 2D 6C 6F 63 6B 04 5F 74 63 70 05 6C 6F 63 61 6C 00
        00 0C 00 01
        """) ?? []

    /// A response with two answers. The PTR's data points back at the question
    /// name (C0 0C = offset 12); the SRV's owner points at the instance name inside
    /// the PTR data (C0 2F = 47) and its target "bench.local" ends in a pointer to
    /// "local" (C0 1E = 30). The SRV has the cache-flush bit (class 80 01).
    let compressedResponse = Hex.bytes("""
        00 00 84 00 00 00 00 02 00 00 00 00
        0C 5F 68 61 72 62 6F 72 2D 6C 6F 63 6B 04 5F 74 63 70 05 6C 6F 63 61 6C 00
        00 0C 00 01 00 00 11 94 00 08 05 42 65 6E 63 68 C0 0C
        C0 2F 00 21 80 01 00 00 00 78 00 0E 00 00 00 00 0F A1 05 62 65 6E 63 68 C0 1E
        """) ?? []

    var compressedMessage: DNSMessage {
        DNSMessage(flags: 0x8400, answers: [
            DNSRecord(name: service, data: .ptr(instance), ttl: 4500),
            DNSRecord(name: instance, data: .srv(priority: 0, weight: 0, port: 4001, target: DNSName(dotted: "bench.local")),
                      ttl: 120, cacheFlush: true),
        ])
    }

    @Test func ptrQueryMatchesTheHandWrittenBytes() throws {
        let query = DNSMessage.query([DNSQuestion(name: service, type: .ptr)])
        #expect(try query.encoded() == ptrQuery)
        #expect(try DNSMessage(decoding: ptrQuery) == query)
    }

    @Test func unicastResponseBitIsTheTopBitOfTheQuestionClass() throws {
        let query = DNSMessage.query([DNSQuestion(name: service, type: .ptr, wantsUnicastResponse: true)], id: 0x1234)
        let bytes = try query.encoded()
        #expect(Array(bytes[0...1]) == [0x12, 0x34])
        #expect(Array(bytes.suffix(4)) == [0x00, 0x0C, 0x80, 0x01])
        let decoded = try DNSMessage(decoding: bytes)
        #expect(decoded.questions.first?.wantsUnicastResponse == true)
        #expect(decoded.questions.first?.recordClass == 1)
    }

    @Test func responseIsWrittenWithCompressionPointers() throws {
        #expect(try compressedMessage.encoded() == compressedResponse)
    }

    @Test func responseWithPointersDecodes() throws {
        let decoded = try DNSMessage(decoding: compressedResponse)
        #expect(decoded == compressedMessage)
        #expect(decoded.isResponse)
        #expect(decoded.answers[1].cacheFlush)
        #expect(decoded.answers[0].cacheFlush == false)
    }

    @Test func txtRecordWithSeveralKeys() throws {
        let strings = ServiceText.strings(["serial": "a1b2", "protocol": "cu-xor", "lockers": "16", "address": "1"])
        let record = DNSRecord(name: instance, data: .txt(strings), ttl: 4500, cacheFlush: true)
        let bytes = try DNSMessage(flags: 0x8400, answers: [record]).encoded()
        // Owner name (31 bytes) after the 12-byte header, type 16, class 80 01,
        // TTL 4500, then length 49 and four character-strings sorted by key.
        let expectedData = Hex.bytes("""
            00 10 80 01 00 00 11 94 00 31
            09 61 64 64 72 65 73 73 3D 31
            0A 6C 6F 63 6B 65 72 73 3D 31 36
            0F 70 72 6F 74 6F 63 6F 6C 3D 63 75 2D 78 6F 72
            0B 73 65 72 69 61 6C 3D 61 31 62 32
            """) ?? []
        #expect(Array(bytes[(12 + 31)...]) == expectedData)
        let decoded = try DNSMessage(decoding: bytes)
        guard case let .txt(read) = decoded.answers.first?.data else {
            Issue.record("no TXT record in \(decoded)")
            return
        }
        #expect(ServiceText.dictionary(read) == ["address": "1", "lockers": "16", "protocol": "cu-xor", "serial": "a1b2"])
    }

    @Test func textEntriesFollowTheDNSSDRules() {
        let strings = ["Protocol=cu-xor", "protocol=kerong-cu16", "flag", "=orphan", "", "empty=", "eq=a=b"].map { Array($0.utf8) }
        #expect(ServiceText.dictionary(strings) == ["protocol": "cu-xor", "flag": "", "empty": "", "eq": "a=b"])
        #expect(ServiceText.strings([:]) == [[]])
    }

    @Test func namesCompareWithoutASCIICase() {
        #expect(DNSName(dotted: "_Harbor-Lock._TCP.Local.") == service)
        #expect(Set([DNSName(dotted: "A.local"), DNSName(dotted: "a.LOCAL")]).count == 1)
        #expect(DNSName(labels: ["Bänch"]) != DNSName(labels: ["BÄnch"]))
        #expect(instance.parent == service)
        #expect(instance.description == "Bench._harbor-lock._tcp.local")
    }
}
