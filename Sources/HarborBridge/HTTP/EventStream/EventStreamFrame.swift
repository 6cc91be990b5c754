import Foundation
import HarborDrivers

/// The data of a `door` event of `GET /events` (schema `DoorChangeEvent`).
public struct DoorChangeEvent: Codable, Sendable, Equatable {
    /// The locker whose door was read.
    public var lockerId: Int64
    /// What the door reads now.
    public var doorState: DoorState
    /// What it read before.
    public var previousDoorState: DoorState

    /// A door change.
    public init(lockerId: Int64, doorState: DoorState, previousDoorState: DoorState) {
        self.lockerId = lockerId
        self.doorState = doorState
        self.previousDoorState = previousDoorState
    }
}

/// The data of a `controller` event of `GET /events` (schema `ControllerStatusEvent`).
public struct ControllerStatusEvent: Codable, Sendable, Equatable {
    /// The controller that went offline or came back.
    public var controllerId: Int64
    /// Whether it answers now.
    public var online: Bool
    /// Why it went offline (an Error code); absent when online.
    public var code: String?
    /// Why it went offline, for people; absent when online.
    public var message: String?

    /// A controller's change.
    public init(controllerId: Int64, online: Bool, code: String? = nil, message: String? = nil) {
        self.controllerId = controllerId
        self.online = online
        self.code = code
        self.message = message
    }
}

/// The text of the Server-Sent Events stream: one frame per delivery, each
/// `event:` name with its JSON in `data:` lines, closed by a blank line.
enum EventStreamFrame {
    /// Sent first: how long a browser waits before reconnecting, and a comment
    /// so that the headers and the stream's start reach the client at once.
    static let opening = "retry: 3000\n: harbor-gateway events\n\n"

    /// A comment line: browsers ignore it, proxies and idle timers see traffic.
    static let heartbeat = ": heartbeat\n\n"

    /// The frame of one delivery.
    static func text(for delivery: LockerEventDelivery) -> String {
        switch delivery {
        case .heartbeat:
            return heartbeat
        case .resync:
            return frame("resync", json: "{}")
        case let .event(event):
            return text(for: event)
        }
    }

    static func text(for event: LockerEvent) -> String {
        switch event {
        case let .door(lockerId, from, to):
            return frame("door", DoorChangeEvent(lockerId: lockerId, doorState: to, previousDoorState: from))
        case let .locker(state):
            return frame("locker", state.api)
        case let .controller(controllerId, online, code, message):
            return frame(
                "controller", ControllerStatusEvent(controllerId: controllerId, online: online, code: code, message: message))
        case .cabinetChanged:
            return frame("cabinet", json: "{}")
        }
    }

    /// A frame with `value` in the API's JSON; should encoding ever fail, the
    /// client is told to read everything again rather than miss the change.
    private static func frame(_ name: String, _ value: some Encodable) -> String {
        guard let data = try? APICoding.makeEncoder().encode(value) else { return frame("resync", json: "{}") }
        return frame(name, json: String(decoding: data, as: UTF8.self))
    }

    /// One `data:` line per line of `json` (the API's JSON has none, but a line
    /// break inside a single `data:` line would cut the event).
    private static func frame(_ name: String, json: String) -> String {
        var text = "event: \(name)\n"
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        return text + "\n"
    }
}
