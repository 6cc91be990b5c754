import Foundation

/// A serial device that came or went, under every name it goes by.
public struct AdapterPresenceChange: Sendable, Hashable {
    /// The kernel's device node, "/dev/ttyUSB0".
    public var devnode: String
    /// The node, its udev links (by-id, /dev/harbor/...) and any configured path
    /// that resolved to it while it was plugged in.
    public var names: Set<String>
    /// Plugged in (true) or pulled out (false).
    public var present: Bool

    /// A change.
    public init(devnode: String, names: Set<String>, present: Bool) {
        self.devnode = devnode
        self.names = names.union([devnode])
        self.present = present
    }

    /// Whether a controller configured with `path` is concerned.
    public func concerns(_ path: String) -> Bool {
        names.contains(path)
    }
}

/// Which serial adapters are plugged in, kept current from a device-event source,
/// so controllers on a pulled adapter can go offline and come back on replug.
///
/// A controller may name its line by node (/dev/ttyUSB0), by a udev link
/// (/dev/serial/by-id/..., /dev/harbor/...) or by a link of its own. Every name
/// is learnt when the device is added and kept after it is removed: by then the
/// links are gone from /dev and could no longer be resolved.
public actor AdapterPresence {
    private let source: any DeviceEventSource
    private let resolvePath: @Sendable (String) -> String?
    /// Device node -> every name it had when last added; kept after removal.
    private var namesByNode: [String: Set<String>] = [:]
    private var presentNodes: Set<String> = []
    /// Configured paths asked about, resolved again at every add.
    private var watchedPaths: Set<String> = []
    private var subscribers: [UUID: AsyncStream<AdapterPresenceChange>.Continuation] = [:]

    /// Presence fed by `source`, starting from the adapters plugged in now (list
    /// them after the source has started, so no plug falls in between).
    /// `resolvePath` turns a link into its device node; nil means realpath(3).
    public init(
        source: any DeviceEventSource,
        present adapters: [USBSerialAdapter] = [],
        resolvePath: (@Sendable (String) -> String?)? = nil
    ) {
        self.source = source
        self.resolvePath = resolvePath ?? { SerialDeviceLinks.resolvedPath($0) }
        for adapter in adapters {
            namesByNode[adapter.devnode] = adapter.names
            presentNodes.insert(adapter.devnode)
        }
    }

    /// Follows the source until it finishes or the task is cancelled, then ends
    /// every subscriber's stream.
    public func run() async {
        for await event in source.events {
            apply(event)
        }
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers.removeAll()
    }

    /// Every change from now on.
    public func changes() -> AsyncStream<AdapterPresenceChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: AdapterPresenceChange.self)
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { _ in
            Task { await self.unsubscribe(id) }
        }
        return stream
    }

    /// Whether the device a path names is plugged in. The path is remembered, so
    /// a private link to an adapter is recognised when that adapter comes back.
    public func isPresent(_ path: String) -> Bool {
        watch(path)
        return presentNodes.contains { namesByNode[$0]?.contains(path) == true }
    }

    /// The device nodes plugged in now.
    public var presentDevices: Set<String> {
        presentNodes
    }

    private func watch(_ path: String) {
        guard watchedPaths.insert(path).inserted else { return }
        guard let node = resolvePath(path), presentNodes.contains(node) else { return }
        namesByNode[node, default: [node]].insert(path)
    }

    private func apply(_ event: DeviceEvent) {
        switch event.action {
        case .added, .changed:
            // The node may now be a different adapter: its old names are dropped.
            var names = event.names
            for path in watchedPaths where resolvePath(path) == event.devnode { names.insert(path) }
            namesByNode[event.devnode] = names
            guard presentNodes.insert(event.devnode).inserted else { return }
            publish(AdapterPresenceChange(devnode: event.devnode, names: names, present: true))
        case .removed:
            guard presentNodes.remove(event.devnode) != nil else { return }
            let names = namesByNode[event.devnode, default: []].union(event.names)
            namesByNode[event.devnode] = names
            publish(AdapterPresenceChange(devnode: event.devnode, names: names, present: false))
        }
    }

    private func publish(_ change: AdapterPresenceChange) {
        for subscriber in subscribers.values { subscriber.yield(change) }
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }
}
