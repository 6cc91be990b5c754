import Foundation
import HarborDrivers

/// Prints results as text for people or as JSON for scripts.
struct BoardReport {
    let json: Bool

    func opened(_ outcome: OpenOutcome) {
        emit(["success": true, "lock": outcome.channel, "doorState": outcome.doorState.rawValue],
             text: "lock \(outcome.channel) opened, door \(outcome.doorState.rawValue)")
    }

    func openedAll(_ outcomes: [OpenOutcome], address: Int) {
        let locks = outcomes.map { ["lock": $0.channel, "doorState": $0.doorState.rawValue] as [String: Any] }
        let lines = outcomes.map { "lock \($0.channel): \($0.doorState.rawValue)" }
        emit(["success": true, "locks": locks],
             text: (["board \(address): opened all \(outcomes.count) locks"] + lines).joined(separator: "\n"))
    }

    func states(_ states: [(Int, DoorState)]) {
        let locks = states.map { ["lock": $0.0, "doorState": $0.1.rawValue] as [String: Any] }
        emit(["locks": locks], text: states.map { "lock \($0.0): \($0.1.rawValue)" }.joined(separator: "\n"))
    }

    func scanned(_ addresses: [Int], boardProtocol: LockBoardProtocol) {
        let boards = addresses.map { ["address": $0] }
        let text = addresses.isEmpty
            ? "no \(boardProtocol.rawValue) board answered"
            : addresses.map { "address \($0): \(boardProtocol.rawValue) board answers" }.joined(separator: "\n")
        emit(["boards": boards], text: text)
    }

    /// A failure goes to stdout as JSON (scripts read one stream) or to stderr as text.
    func failure(_ error: LockControllerError, lock: Int?) {
        if json {
            var object: [String: Any] = [
                "success": false, "error": ["code": error.code, "message": error.description],
            ]
            if let lock { object["lock"] = lock }
            write(object)
        } else {
            let subject = lock.map { "lock \($0): " } ?? ""
            FileHandle.standardError.write(Data("harbor-board: \(subject)\(error.description) [\(error.code)]\n".utf8))
        }
    }

    private func emit(_ object: [String: Any], text: String) {
        if json { write(object) } else { print(text) }
    }

    private func write(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
