import Testing
@testable import HarborDrivers

/// Round trips, refusals of malformed input, and a fuzz loop: a packet from the
/// network must never crash the browser or the responder.
@Suite struct DNSMessageCodecTests {
    static let instance = DNSName(labels: ["Bench A. Left", "_harbor-lock", "_tcp", "local"])
    static let host = DNSName(dotted: "bench-a.local")

    static func everyKind() throws -> DNSMessage {
        let ipv4 = try #require(IPv4Address("192.168.1.50"))
        let ipv6 = try #require(IPv6Address("fe80::1"))
        return DNSMessage(
            id: 0xBEEF, flags: 0x8400,
            questions: [DNSQuestion(name: DNSName(dotted: "_harbor-lock._tcp.local"), type: .ptr, wantsUnicastResponse: true),
                        DNSQuestion(name: host, type: .any)],
            answers: [DNSRecord(name: DNSName(dotted: "_harbor-lock._tcp.local"), data: .ptr(instance), ttl: 4500)],
            authorities: [DNSRecord(name: instance, data: .srv(priority: 1, weight: 2, port: 4001, target: host), ttl: 120,
                                    cacheFlush: true)],
            additionals: [
                DNSRecord(name: instance, data: .txt(ServiceText.strings(["protocol": "kerong-cu16", "serial": "Ä1"])), ttl: 4500),
                DNSRecord(name: host, data: .a(ipv4), ttl: 120, cacheFlush: true),
                DNSRecord(name: host, data: .aaaa(ipv6), ttl: 120),
            ])
    }

    @Test func everyRecordKindAndSectionRoundTrips() throws {
        let message = try Self.everyKind()
        let bytes = try message.encoded()
        #expect(try DNSMessage(decoding: bytes) == message)
        // The instance label holds dots and a space: one label, not three.
        #expect(try DNSMessage(decoding: bytes).answers.first?.data == .ptr(Self.instance))
    }

    @Test func addressesPrintLikeInetNtop() {
        #expect(IPv4Address("192.168.1.50")?.description == "192.168.1.50")
        #expect(IPv6Address("FE80:0:0::1")?.description == "fe80::1")
        #expect(IPv4Address("300.1.1.1") == nil)
        #expect(IPv4Address("224.0.0.251")?.isMulticast == true)
        #expect(IPv4Address("127.0.0.1")?.isMulticast == false)
    }

    @Test func namesBeyondThePointerReachAreWrittenInFull() throws {
        // 70 TXT records of 250 bytes push later names past offset 0x3FFF, where a
        // 14-bit pointer cannot reach; they must still decode to the same names.
        let filler = (0..<70).map { index in
            DNSRecord(name: DNSName(labels: ["filler\(index)", "local"]), data: .txt([Array(repeating: 0x61, count: 250)]), ttl: 1)
        }
        let late = DNSRecord(name: DNSName(labels: ["late", "filler3", "local"]), data: .ptr(DNSName(dotted: "filler69.local")), ttl: 1)
        let message = DNSMessage(flags: 0x8400, answers: filler + [late])
        let bytes = try message.encoded()
        #expect(bytes.count > 0x4000)
        #expect(try DNSMessage(decoding: bytes) == message)
    }

    @Test func writerRefusesWhatDNSCannotCarry() {
        let long = String(repeating: "x", count: 64)
        #expect(throws: DNSMessageError.badLabel(long)) {
            try DNSMessage.query([DNSQuestion(name: DNSName(labels: [long, "local"]), type: .a)]).encoded()
        }
        #expect(throws: DNSMessageError.badLabel("")) {
            try DNSMessage.query([DNSQuestion(name: DNSName(labels: ["", "local"]), type: .a)]).encoded()
        }
        let deep = DNSName(labels: Array(repeating: String(repeating: "y", count: 60), count: 5))
        #expect(throws: DNSMessageError.nameTooLong) { try DNSMessage.query([DNSQuestion(name: deep, type: .a)]).encoded() }
        let text = DNSRecord(name: Self.host, data: .txt([Array(repeating: 0x62, count: 256)]), ttl: 1)
        #expect(throws: DNSMessageError.textTooLong(256)) { try DNSMessage(answers: [text]).encoded() }
        let other = DNSRecord(name: Self.host, data: .other(DNSRecordType(rawValue: 47), [0xC0, 0x0C]), ttl: 1)
        #expect(throws: DNSMessageError.unwritableRecord(DNSRecordType(rawValue: 47))) { try DNSMessage(answers: [other]).encoded() }
    }

    @Test(arguments: [
        // A pointer to itself.
        ("00 00 84 00 00 01 00 00 00 00 00 00 C0 0C 00 01 00 01", DNSMessageError.badPointer(offset: 12)),
        // A pointer forward.
        ("00 00 84 00 00 01 00 00 00 00 00 00 C0 12 00 01 00 01 00", DNSMessageError.badPointer(offset: 12)),
        // A jump back into the header, where a pointer leads back to the name: each
        // jump must land before the previous one, or 12 -> 10 -> 12 would loop.
        ("00 00 84 00 00 01 00 00 00 00 C0 0C C0 0A 00 01 00 01", DNSMessageError.badPointer(offset: 10)),
        // Label type 01 (extended labels), which mDNS never uses.
        ("00 00 84 00 00 01 00 00 00 00 00 00 41 00 00 01 00 01", DNSMessageError.unsupportedLabel(offset: 12)),
        // A label running past the end.
        ("00 00 84 00 00 01 00 00 00 00 00 00 05 61 62", DNSMessageError.truncated(offset: 12)),
        // An A record with three bytes of data.
        ("00 00 84 00 00 00 00 01 00 00 00 00 00 00 01 00 01 00 00 00 0A 00 03 7F 00 01",
         DNSMessageError.badRecordData(type: .a, offset: 23)),
        // A TXT string longer than its record data.
        ("00 00 84 00 00 00 00 01 00 00 00 00 00 00 10 00 01 00 00 00 0A 00 02 05 61 62 63 64 65",
         DNSMessageError.badRecordData(type: .txt, offset: 23)),
        // A PTR whose name runs past its record data length.
        ("00 00 84 00 00 00 00 01 00 00 00 00 00 00 0C 00 01 00 00 00 0A 00 01 01 61 00",
         DNSMessageError.badRecordData(type: .ptr, offset: 23)),
        // Record data length beyond the message.
        ("00 00 84 00 00 00 00 01 00 00 00 00 00 00 01 00 01 00 00 00 0A 00 04 7F", DNSMessageError.truncated(offset: 23)),
    ])
    func malformedPacketsAreRefused(hex: String, error: DNSMessageError) {
        #expect(throws: error) { try DNSMessage(decoding: Hex.bytes(hex) ?? []) }
    }

    @Test func namesLongerThan255BytesAreRefused() {
        var bytes = Hex.bytes("00 00 00 00 00 01 00 00 00 00 00 00") ?? []
        for _ in 0..<5 { bytes += [60] + Array(repeating: 0x7A, count: 60) }
        bytes += [0, 0, 1, 0, 1]
        #expect(throws: DNSMessageError.nameTooLong) { try DNSMessage(decoding: bytes) }
    }

    @Test func everyTruncationOfAValidPacketThrows() throws {
        let bytes = try Self.everyKind().encoded()
        for length in 0..<bytes.count {
            #expect(throws: DNSMessageError.self) { try DNSMessage(decoding: Array(bytes.prefix(length))) }
        }
    }

    @Test func randomAndMutatedPacketsNeverCrash() throws {
        var random = SplitMix64(seed: 0x6D64_6E73)
        let valid = try Self.everyKind().encoded()
        var decodedSome = 0
        for round in 0..<3000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<random.below(120)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            case 1:
                bytes = valid
                for _ in 0...random.below(6) {
                    bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
                }
            default:
                bytes = Array(valid.prefix(random.below(valid.count)))
                bytes += (0..<random.below(8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            }
            if let message = try? DNSMessage(decoding: bytes) {
                decodedSome += 1
                _ = try? message.encoded()
            }
        }
        #expect(decodedSome > 0)
    }
}

/// A small deterministic generator (SplitMix64), so the fuzz loop is the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }
}
