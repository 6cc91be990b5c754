import Foundation

/// Which board address and channel each locker of a running bridge sits on, read
/// through the API (lockers from `GET /lockers`, addresses from `GET /controllers`).
struct CabinetLayout {
    struct Place: Hashable {
        var address: Int
        var channel: Int
    }

    var places: [Int: Place] = [:]

    /// Locker ids in ascending order.
    var lockerIds: [Int] { places.keys.sorted() }

    static func read(from bridge: BridgeProcess, adminPassword: String) async throws -> CabinetLayout {
        let controllers = try await bridge.send("GET", "/controllers", basic: ("admin", adminPassword))
        var addresses: [Int: Int] = [:]
        for controller in controllers.json["controllers"] as? [[String: Any]] ?? [] {
            if let id = controller["id"] as? Int, let address = controller["address"] as? Int { addresses[id] = address }
        }
        var layout = CabinetLayout()
        let lockers = try await bridge.send("GET", "/lockers")
        for locker in lockers.json["lockers"] as? [[String: Any]] ?? [] {
            guard let id = locker["id"] as? Int, let controllerId = locker["controllerId"] as? Int,
                  let channel = locker["channel"] as? Int, let address = addresses[controllerId] else { continue }
            layout.places[id] = Place(address: address, channel: channel)
        }
        return layout
    }

    /// Lockers on the board at `address`, ascending.
    func lockers(onBoard address: Int) -> [Int] {
        lockerIds.filter { places[$0]?.address == address }
    }
}
