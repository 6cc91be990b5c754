import Foundation
import Glibc
import Testing
@testable import HarborDrivers

/// The browser and responder over real sockets on plain loopback. `lo` carries no
/// multicast outside a namespace, so these tests point the browser at a unicast
/// endpoint: a responder answers a query from a port other than 5353 by unicast
/// (legacy unicast), which is the path the gateway's queries take anyway.
@Suite struct MDNSLoopbackTests {
    let loopback = MDNSInterfaceSelection.addresses(["127.0.0.1"])
    let service = DNSName(dotted: "_harbor-lock._tcp.local")
    let advertisement = MDNSServiceAdvertisement(
        instanceName: "Loop Bench", hostName: "loop-bench", port: 4123,
        txt: ["protocol": "kerong-cu16", "lockers": "16", "address": "0", "serial": "loop-1"])

    func browser(at port: UInt16) -> MDNSBrowser {
        MDNSBrowser(interfaces: loopback, endpoint: MDNSEndpoint(address: .loopback, port: port))
    }

    @Test func browserFindsTheResponderWithItsTXTData() async throws {
        let responder = MDNSResponder(advertisement: advertisement, interfaces: loopback, bindPort: 0, group: nil)
        try responder.start()
        defer { responder.stop() }
        let port = try #require(responder.boundPort)
        let found = try await browser(at: port).browse(timeout: .milliseconds(1500))
        #expect(found == [DiscoveredService(
            instanceName: "Loop Bench", serviceType: "_harbor-lock._tcp", hostName: "loop-bench.local", port: 4123,
            ipv4Addresses: ["127.0.0.1"],
            txt: ["protocol": "kerong-cu16", "lockers": "16", "address": "0", "serial": "loop-1"])])
        #expect(found.first?.fullName == "Loop Bench._harbor-lock._tcp.local")
    }

    @Test func browserSkipsBadPacketsAndAsksForWhatIsMissing() async throws {
        let instance = service.prepending("Bare")
        let host = DNSName(dotted: "bare.local")
        let scripted = try ScriptedMDNSResponder(records: [
            DNSRecord(name: service, data: .ptr(instance), ttl: 10),
            DNSRecord(name: instance, data: .srv(priority: 0, weight: 0, port: 4500, target: host), ttl: 10),
            DNSRecord(name: instance, data: .txt(ServiceText.strings(["serial": "bare-1", "protocol": "cu-xor"])), ttl: 10),
            DNSRecord(name: host, data: .a(.loopback), ttl: 10),
        ])
        defer { scripted.finish() }
        let found = try await browser(at: scripted.port).browse(timeout: .milliseconds(1500))
        #expect(found.first?.port == 4500)
        #expect(found.first?.txt == ["serial": "bare-1", "protocol": "cu-xor"])
        #expect(found.first?.ipv4Addresses == ["127.0.0.1"])
        let asked = Set(scripted.questions.map(\.type))
        #expect(asked == [.ptr, .srv, .txt, .a])
    }

    @Test func responderAnnouncesAndSaysGoodbye() async throws {
        let observer = try MDNSSocket.open(port: 0, sharingPort: false, address: .loopback)
        defer { observer.close() }
        let observerPort = try #require(observer.localPort)
        let responder = MDNSResponder(advertisement: advertisement, interfaces: loopback, bindPort: 0,
                                      group: MDNSEndpoint(address: .loopback, port: observerPort), announceOffsets: [.zero])
        try responder.start()
        let announcement = try #require(await Self.nextMessage(on: observer))
        #expect(announcement.answers.map(\.type) == [.ptr, .srv, .txt, .a])
        #expect(announcement.answers.allSatisfy { $0.ttl > 0 })
        responder.stop()
        let goodbye = try #require(await Self.nextMessage(on: observer))
        #expect(goodbye.answers.count == 4)
        #expect(goodbye.answers.allSatisfy { $0.ttl == 0 })
    }

    @Test func browseEndsAtItsTimeoutWhenNobodyAnswers() async throws {
        let silent = try MDNSSocket.open(port: 0, sharingPort: false, address: .loopback)
        defer { silent.close() }
        let clock = ContinuousClock()
        let started = clock.now
        let found = try await browser(at: try #require(silent.localPort)).browse(timeout: .milliseconds(600))
        let took = started.duration(to: clock.now)
        #expect(found.isEmpty)
        #expect(took >= .milliseconds(550) && took < .seconds(3), "took \(took)")
    }

    @Test func cancellingTheTaskEndsTheBrowseEarly() async throws {
        let silent = try MDNSSocket.open(port: 0, sharingPort: false, address: .loopback)
        defer { silent.close() }
        let browser = browser(at: try #require(silent.localPort))
        let clock = ContinuousClock()
        let started = clock.now
        let browse = Task { try await browser.browse(timeout: .seconds(20)) }
        try await Task.sleep(for: .milliseconds(200))
        browse.cancel()
        #expect(try await browse.value.isEmpty)
        #expect(started.duration(to: clock.now) < .seconds(5))
    }

    @Test func noInterfaceMeansNothingFoundAtOnce() async throws {
        let found = try await MDNSBrowser(interfaces: .named([])).browse(timeout: .seconds(10))
        #expect(found.isEmpty)
    }

    @Test func typedErrorsForBadInterfacesServicesAndLifecycle() async throws {
        await #expect(throws: DiscoveryError.interfaceNotFound("no-such-if0")) {
            try await MDNSBrowser(interfaces: .named(["no-such-if0"])).browse(timeout: .seconds(1))
        }
        await #expect(throws: DiscoveryError.self) {
            try await MDNSBrowser(interfaces: loopback).browse(service: "", timeout: .seconds(1))
        }
        #expect(throws: DiscoveryError.noMulticastInterface) {
            try MDNSResponder(advertisement: advertisement, interfaces: .named([])).start()
        }
        var badAddress = advertisement
        badAddress.ipv4Addresses = ["10.0.0"]
        #expect(throws: DiscoveryError.invalidAddress("10.0.0")) {
            try MDNSResponder(advertisement: badAddress, interfaces: loopback, bindPort: 0, group: nil).start()
        }
        let responder = MDNSResponder(advertisement: advertisement, interfaces: loopback, bindPort: 0, group: nil)
        try responder.start()
        #expect(throws: DiscoveryError.alreadyStarted) { try responder.start() }
        responder.stop()
        responder.stop()
        #expect(DiscoveryError.alreadyStarted.code == "DISCOVERY_ALREADY_STARTED")
    }

    /// The next DNS message on `socket`, waiting up to two seconds off the pool.
    static func nextMessage(on socket: MDNSSocket) async -> DNSMessage? {
        await offThePool {
            var watch = pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)
            guard poll(&watch, 1, 2000) > 0, let datagram = socket.receive() else { return nil }
            return try? DNSMessage(decoding: datagram.bytes)
        }
    }
}
