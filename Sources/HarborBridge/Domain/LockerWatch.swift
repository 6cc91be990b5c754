import ServiceLifecycle

/// Publishes a `.locker` event for every locker whose client-visible state
/// changed: service state and transactions (the store), door and operational
/// flag (the hardware runtime).
///
/// Changes reach the store from many places (HTTP handlers, discovery, the
/// admin domain), so rather than hook each one the watch compares: every
/// `interval` it reads the cheap view key (a store counter and two runtime
/// maps) and only when that moved does it read the lockers and diff them with
/// what it published last. On shutdown it ends every subscription of the
/// broadcast, so that no event stream keeps the server from stopping.
public struct LockerWatch: Service {
    private let gateway: LockerGateway
    private let broadcast: LockerEventBroadcast
    private let interval: Duration

    /// A watch over `gateway` publishing into `broadcast`, looking every `interval`.
    public init(gateway: LockerGateway, broadcast: LockerEventBroadcast, interval: Duration = .milliseconds(250)) {
        self.gateway = gateway
        self.broadcast = broadcast
        self.interval = interval
    }

    /// Watches until the task is cancelled or a graceful shutdown begins.
    public func run() async {
        await cancelWhenGracefulShutdown {
            var seen = LockerSnapshot()
            while !Task.isCancelled {
                await seen.publishChanges(of: gateway, into: broadcast)
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    break
                }
            }
        }
        broadcast.finish()
    }
}

/// What the watch last saw: the view key and every locker as it was then.
struct LockerSnapshot {
    private var key: LockerViewKey?
    private var lockers: [Int64: LockerState] = [:]

    /// Publishes the lockers that differ from the last reading (or
    /// `.cabinetChanged` when lockers were added or removed) and keeps the new
    /// reading. The first reading only sets the baseline. A failed read (store
    /// unavailable) keeps the old baseline, to be compared again next time.
    mutating func publishChanges(of gateway: LockerGateway, into broadcast: LockerEventBroadcast) async {
        let current = await gateway.lockerViewKey()
        guard current != key else { return }
        let states: [LockerState]
        do {
            states = try await gateway.lockers()
        } catch {
            return
        }
        let fresh = Dictionary(states.map { ($0.record.id, $0) }, uniquingKeysWith: { _, last in last })
        if key != nil {
            if Set(fresh.keys) != Set(lockers.keys) {
                // Lockers came or went with a controller: one event says to read them all again.
                broadcast.publish(.cabinetChanged)
            } else {
                for state in states where lockers[state.record.id] != state {
                    broadcast.publish(.locker(state))
                }
            }
        }
        key = current
        lockers = fresh
    }
}
