/// A device-event source that tests (and benches) drive by hand.
public final class FakeDeviceEventSource: DeviceEventSource {
    /// The events sent so far and from now on, until `finish()`.
    public let events: AsyncStream<DeviceEvent>
    private let continuation: AsyncStream<DeviceEvent>.Continuation

    /// A source with nothing sent yet; events sent before anyone listens are kept.
    public init() {
        (events, continuation) = AsyncStream.makeStream(of: DeviceEvent.self)
    }

    /// Delivers one event to the consumer.
    public func send(_ event: DeviceEvent) {
        continuation.yield(event)
    }

    /// Ends the stream, as a monitor that stopped.
    public func finish() {
        continuation.finish()
    }
}
