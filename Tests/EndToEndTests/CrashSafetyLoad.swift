import Foundation
import Synchronization

/// How many requests of a round were acknowledged (2xx), refused (answered
/// otherwise), sent before the kill and never answered, or sent in the moment
/// between the kill and the clients' stop; how many unanswered changes were
/// found applied or not after the kill; and answers no request should get.
struct RoundTally: Sendable {
    var acknowledged = 0
    var refused = 0
    var unanswered = 0
    var afterKill = 0
    var appliedInDoubt = 0
    var droppedInDoubt = 0
    var unexpected: [String] = []

    mutating func add(_ other: RoundTally) {
        acknowledged += other.acknowledged
        refused += other.refused
        unanswered += other.unanswered
        afterKill += other.afterKill
        appliedInDoubt += other.appliedInDoubt
        droppedInDoubt += other.droppedInDoubt
        unexpected += other.unexpected
    }

    var summary: String {
        "\(acknowledged) acknowledged, \(refused) refused, \(unanswered) unanswered in flight, "
            + "\(afterKill) sent after the kill; unanswered changes found applied whole: \(appliedInDoubt), "
            + "not at all: \(droppedInDoubt)"
    }
}

/// The mixed load of one round: a few clients, each looping over creates (any
/// locker and a given one), opens (by locker and by transaction), releases and
/// service-state changes until the round's kill; a client whose request goes
/// unanswered stops there, since what it would send next could race that request.
final class CrashSafetyLoad: Sendable {
    static let clients = 4

    let round: Int
    let seed: UInt64
    let client: CrashSafetyClient
    let ledger: CrashSafetyLedger
    let stopping: Atomic<Bool>
    /// Set just before the kill: a request sent earlier was in flight when it came.
    let killing: Atomic<Bool>

    init(round: Int, seed: UInt64, client: CrashSafetyClient, ledger: CrashSafetyLedger) {
        self.round = round
        self.seed = seed
        self.client = client
        self.ledger = ledger
        stopping = Atomic(false)
        killing = Atomic(false)
    }

    /// Runs the clients; after `killAfter` runs `kill` while their requests are in
    /// flight, then stops them. Returns the round's tally.
    func run(killAfter delay: Duration, kill: @Sendable () async -> Void) async -> RoundTally {
        await withTaskGroup(of: RoundTally.self) { group in
            for index in 0..<Self.clients {
                group.addTask { await self.loop(index) }
            }
            try? await Task.sleep(for: delay)
            killing.store(true, ordering: .sequentiallyConsistent)
            await kill()
            stopping.store(true, ordering: .sequentiallyConsistent)
            var total = RoundTally()
            for await tally in group { total.add(tally) }
            return total
        }
    }

    private func loop(_ index: Int) async -> RoundTally {
        var random = CrashSafetyRandom(seed: seed, round: round, client: index)
        var tally = RoundTally()
        var sent = 0
        while !stopping.load(ordering: .sequentiallyConsistent) {
            sent += 1
            let tag = "crash-r\(round)-c\(index)-\(sent)"
            let sentBeforeKill = !killing.load(ordering: .sequentiallyConsistent)
            guard let (kind, answer) = await step(index, tag: tag, random: &random) else { continue }
            switch answer.status {
            case nil:
                if sentBeforeKill { tally.unanswered += 1 } else { tally.afterKill += 1 }
                return tally
            case let status? where (200..<300).contains(status):
                tally.acknowledged += 1
            case let status?:
                tally.refused += 1
                // Opens may meet a board still coming up (503) or silent (504); nothing else may fail.
                if status >= 500 && !(kind.isOpen && (status == 503 || status == 504)) {
                    tally.unexpected.append("round \(round): \(kind) answered \(status) \(answer)")
                }
            }
        }
        return tally
    }

    private enum Kind: CustomStringConvertible {
        case createAny, createGiven, openLocker, openTransaction, release, serviceChange
        var isOpen: Bool { self == .openLocker || self == .openTransaction }
        var description: String {
            switch self {
            case .createAny: "create (any locker)"
            case .createGiven: "create (given locker)"
            case .openLocker: "open by locker"
            case .openTransaction: "open by transaction"
            case .release: "release"
            case .serviceChange: "service change"
            }
        }
    }

    /// One request picked by weight; nil when the pick had nothing to act on.
    private func step(_ index: Int, tag: String, random: inout CrashSafetyRandom) async -> (Kind, CrashSafetyAnswer)? {
        let lockers = ledger.lockerIds
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<18:
            ledger.createSent(reference: tag, lockerId: nil)
            let answer = await client.send("POST", "/transactions", json: #"{"reference": "\#(tag)"}"#)
            ledger.createAnswered(reference: tag, answer, round: round)
            return (.createAny, answer)
        case 18..<30:
            guard let lockerId = lockers.randomElement(using: &random) else { return nil }
            ledger.createSent(reference: tag, lockerId: lockerId)
            let answer = await client.send(
                "POST", "/transactions", json: #"{"lockerId": \#(lockerId), "reference": "\#(tag)"}"#)
            ledger.createAnswered(reference: tag, answer, round: round)
            return (.createGiven, answer)
        case 30..<42:
            guard let lockerId = lockers.randomElement(using: &random) else { return nil }
            return (.openLocker, await client.send("POST", "/lockers/\(lockerId)/open"))
        case 42..<54:
            guard let id = ledger.activeTransaction(using: &random) else { return nil }
            return (.openTransaction, await client.send("POST", "/transactions/\(id)/open"))
        case 54..<84:
            guard let id = ledger.claimForRelease(using: &random) else { return nil }
            let answer = await client.send("POST", "/transactions/\(id)/release")
            ledger.releaseAnswered(id: id, answer, round: round)
            return (.release, answer)
        default:
            guard let change = ledger.serviceChange(owner: index, of: Self.clients, using: &random, tag: tag)
            else { return nil }
            let answer = await client.send("PATCH", "/lockers/\(change.lockerId)", json: change.body, admin: true)
            ledger.serviceChangeAnswered(lockerId: change.lockerId, answer, round: round)
            return (.serviceChange, answer)
        }
    }
}
