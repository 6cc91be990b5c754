import HarborBridge
import Testing

@Suite struct NetworkInspectorTests {
    @Test func loopbackIsListedWithItsAddress() {
        let interfaces = NetworkInspector.interfaces()
        let loopback = interfaces.first { $0.name == "lo" }
        #expect(loopback?.isUp == true)
        #expect(loopback?.addresses.contains { $0.family == "ipv4" && $0.address == "127.0.0.1" && $0.prefixLength == 8 } == true)
        #expect(!NetworkInspector.hostname().isEmpty)
        #expect((StorageInspector.freeBytes(at: "/tmp") ?? 0) > 0)
    }
}
