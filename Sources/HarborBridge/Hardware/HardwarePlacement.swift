/// Where a locker's lock is wired: a running controller and one of its channels.
/// Read from the stored locker records, never computed.
public struct HardwarePlacement: Sendable, Hashable {
    /// The controller's store id.
    public var controllerId: Int64
    /// The lock channel on that controller, from 1.
    public var channel: Int

    /// A placement as stored.
    public init(controllerId: Int64, channel: Int) {
        self.controllerId = controllerId
        self.channel = channel
    }
}
