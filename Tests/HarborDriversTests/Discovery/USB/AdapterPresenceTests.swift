import Synchronization
import Testing
import HarborDrivers

/// Which adapters are plugged in, driven by a fake device-event source behind the
/// same interface as the libudev monitor.
@Suite struct AdapterPresenceTests {
    let byId = "/dev/serial/by-id/usb-1a86_USB_Serial_A5012345-if00-port0"
    let harborLink = "/dev/harbor/rs485-ch340-A5012345"

    private func ch340(_ action: DeviceAction, node: String = "/dev/ttyUSB0", byId: String? = nil) -> DeviceEvent {
        DeviceEvent(
            action: action, devnode: node, byIdPath: byId ?? self.byId, links: [harborLink],
            vendorId: "1a86", productId: "7523")
    }

    /// A presence following `source`, a subscription opened before any event, and
    /// the task that runs it.
    private func follow(
        _ source: FakeDeviceEventSource, present: [USBSerialAdapter] = [],
        resolvePath: (@Sendable (String) -> String?)? = { _ in nil }
    ) async -> (AdapterPresence, AsyncStream<AdapterPresenceChange>.Iterator, Task<Void, Never>) {
        let presence = AdapterPresence(source: source, present: present, resolvePath: resolvePath)
        let changes = await presence.changes()
        let task = Task { await presence.run() }
        return (presence, changes.makeAsyncIterator(), task)
    }

    @Test func pulledAdapterIsAbsentUnderItsNodeAndItsLinks() async throws {
        let source = FakeDeviceEventSource()
        var (presence, changes, task) = await follow(source)
        source.send(ch340(.added))
        let added = try #require(await changes.next())
        #expect(added.present && added.devnode == "/dev/ttyUSB0")
        #expect(await presence.isPresent(byId))
        #expect(await presence.isPresent(harborLink))
        #expect(await presence.isPresent("/dev/ttyUSB0"))

        // udev's remove event for a tty may lack the links; the ones learnt at add count.
        source.send(DeviceEvent(action: .removed, devnode: "/dev/ttyUSB0"))
        let removed = try #require(await changes.next())
        #expect(!removed.present)
        #expect(removed.concerns(byId) && removed.concerns(harborLink) && removed.concerns("/dev/ttyUSB0"))
        #expect(await !presence.isPresent(byId))
        #expect(await presence.presentDevices.isEmpty)
        source.finish()
        await task.value
    }

    @Test func replugIsReportedOnceAndRepeatedEventsAreQuiet() async throws {
        let source = FakeDeviceEventSource()
        var (presence, changes, task) = await follow(source)
        source.send(ch340(.added))
        source.send(ch340(.added))
        source.send(ch340(.changed))
        source.send(ch340(.removed))
        source.send(ch340(.removed))
        source.send(DeviceEvent(action: .removed, devnode: "/dev/ttyUSB7"))
        source.send(ch340(.added))
        source.finish()
        await task.value
        var seen: [Bool] = []
        while let change = await changes.next() { seen.append(change.present) }
        // run() ended the subscription when the source finished.
        #expect(seen == [true, false, true])
        #expect(await presence.isPresent(byId))
    }

    @Test func privateLinkIsResolvedAtAddAndStillMatchedAtRemoval() async throws {
        let source = FakeDeviceEventSource()
        let ownLink = "/srv/harbor/bus-a"
        // The link exists only while the adapter is plugged in, as udev links do.
        let plugged = PluggedState()
        var (presence, changes, task) = await follow(source) { path in
            path == ownLink && plugged.value ? "/dev/ttyUSB1" : nil
        }
        #expect(await !presence.isPresent(ownLink))
        plugged.value = true
        source.send(ch340(.added, node: "/dev/ttyUSB1"))
        #expect(try #require(await changes.next()).concerns(ownLink))
        #expect(await presence.isPresent(ownLink))
        plugged.value = false
        source.send(ch340(.removed, node: "/dev/ttyUSB1"))
        let removed = try #require(await changes.next())
        #expect(!removed.present && removed.concerns(ownLink))
        #expect(await !presence.isPresent(ownLink))
        source.finish()
        await task.value
    }

    @Test func anotherAdapterAtTheSameNodeDoesNotReviveTheOldByIdName() async throws {
        let source = FakeDeviceEventSource()
        let adapter = USBSerialAdapter(
            devnode: "/dev/ttyUSB0", byIdPath: byId, links: [byId], vendorId: "1a86", productId: "7523")
        var (presence, changes, task) = await follow(source, present: [adapter])
        #expect(await presence.isPresent(byId))
        source.send(ch340(.removed))
        #expect(try #require(await changes.next()).concerns(byId))
        let otherById = "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K-if00-port0"
        source.send(DeviceEvent(action: .added, devnode: "/dev/ttyUSB0", byIdPath: otherById, vendorId: "0403", productId: "6001"))
        let added = try #require(await changes.next())
        #expect(added.concerns(otherById) && !added.concerns(byId))
        #expect(await !presence.isPresent(byId))
        #expect(await presence.isPresent("/dev/ttyUSB0"))
        source.finish()
        await task.value
    }
}

/// Whether the fake adapter is plugged in, shared with the fake link resolver.
private final class PluggedState: Sendable {
    private let state = Mutex(false)
    var value: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
