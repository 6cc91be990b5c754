import HarborDrivers

/// Where a locker's lock is wired: a controller and one of its channels.
public struct LockerPlacement: Sendable, Hashable, Codable {
    public var controllerId: Int
    public var channel: Int

    public init(controllerId: Int, channel: Int) {
        self.controllerId = controllerId
        self.channel = channel
    }
}

/// Which locker sits on which (controller, channel): data kept per cabinet, never
/// a formula, because installers rewire, skip and renumber compartments.
public struct LockerDirectory: Sendable, Equatable {
    private var placements: [Int: LockerPlacement] = [:]
    private var lockers: [LockerPlacement: Int] = [:]

    public init() {}

    /// Builds a directory, refusing a second locker on one channel.
    public init(_ entries: [Int: LockerPlacement]) throws(CabinetError) {
        for (lockerId, placement) in entries.sorted(by: { $0.key < $1.key }) {
            try place(lockerId: lockerId, at: placement)
        }
    }

    /// Locker ids in ascending order.
    public var lockerIds: [Int] { placements.keys.sorted() }

    public func placement(of lockerId: Int) -> LockerPlacement? { placements[lockerId] }

    public func locker(at placement: LockerPlacement) -> Int? { lockers[placement] }

    /// The lockers wired to one controller, by channel.
    public func lockers(on controllerId: Int) -> [(lockerId: Int, channel: Int)] {
        placements
            .filter { $0.value.controllerId == controllerId }
            .map { (lockerId: $0.key, channel: $0.value.channel) }
            .sorted { $0.channel < $1.channel }
    }

    /// Records a locker's placement; a locker id or a channel is used once only.
    public mutating func place(lockerId: Int, at placement: LockerPlacement) throws(CabinetError) {
        if let other = lockers[placement], other != lockerId {
            throw .channelTaken(placement, byLocker: other)
        }
        if let previous = placements[lockerId] {
            lockers[previous] = nil
        }
        placements[lockerId] = placement
        lockers[placement] = lockerId
    }

    public mutating func remove(lockerId: Int) {
        guard let placement = placements.removeValue(forKey: lockerId) else { return }
        lockers[placement] = nil
    }

    public static func == (lhs: LockerDirectory, rhs: LockerDirectory) -> Bool {
        lhs.placements == rhs.placements
    }
}
