import HarborDrivers
import Logging
import ServiceLifecycle

/// Follows USB serial adapters coming and going (libudev's monitor, or a fake in
/// tests). When an adapter that serial controllers use is pulled, they are polled
/// at once, so they go offline (lockers not operational, doors unknown) without
/// waiting for the next poll; when it is plugged back, polling them reopens the bus
/// and brings them back. The runtime logs each transition once.
struct AdapterHotplugService: Service {
    let source: any DeviceEventSource
    let store: HarborStore
    let runtime: HardwareRuntime
    let logger: Logger

    func run() async {
        let presence = AdapterPresence(source: source, present: (try? USBSerialAdapters.list()) ?? [])
        let changes = await presence.changes()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await presence.run() }
                group.addTask {
                    for await change in changes { await handle(change) }
                }
            }
        }
    }

    /// Re-polls the serial controllers on the adapter that changed.
    func handle(_ change: AdapterPresenceChange) async {
        guard let controllers = try? await store.controllers() else { return }
        let affected = controllers.filter { record in
            record.kind == "serial" && (record.device.map(change.concerns) ?? false)
        }
        guard !affected.isEmpty else { return }
        let ids = affected.map { "\($0.id)" }.joined(separator: ",")
        logger.notice(
            "USB serial adapter \(change.devnode) \(change.present ? "plugged in" : "removed")",
            metadata: ["controllers": "\(ids)"])
        for record in affected {
            await runtime.pollOnce(controllerId: record.id)
            // A bus that just failed waits out its reopen backoff before trying the
            // device again: give a returning adapter a few chances.
            var tries = 1
            while change.present, tries < 5, await runtime.status(controllerId: record.id)?.online == false {
                try? await Task.sleep(for: .milliseconds(300))
                await runtime.pollOnce(controllerId: record.id)
                tries += 1
            }
        }
    }
}
