import Foundation
import Synchronization

/// What the test knows about a transaction it saw acknowledged.
enum TransactionFate: Sendable, Equatable {
    /// Created and acknowledged; no release was sent since: it must be active.
    case active
    /// A release was sent and got no answer: active or released, but one of the two.
    case releaseInDoubt
    /// The release was acknowledged: it must stay released.
    case released
}

/// A locker's service fields as one `PATCH /lockers/{id}` leaves them.
struct ServiceFields: Sendable, Equatable {
    var outOfService: Bool
    var reasonCode: String?
    var reason: String?

    static let inService = ServiceFields(outOfService: false)
}

/// Every change the bridge acknowledged, and every one it may or may not have
/// applied, across all rounds. Clients update it as answers arrive; after each
/// kill `reconcile` holds it against the database, then settles each doubt on
/// what was found, so the next round starts from certainties.
final class CrashSafetyLedger: Sendable {
    private struct State {
        var transactions: [String: (lockerId: Int64, fate: TransactionFate)] = [:]
        /// References of creates sent that have not been answered.
        var creates: [String: Int64?] = [:]
        var service: [Int64: (settled: ServiceFields, inFlight: ServiceFields?)] = [:]
        var violations: [String] = []
    }

    private let state: Mutex<State>
    /// Live lockers by id, in order.
    let lockerIds: [Int64]

    init(lockerIds: [Int64]) {
        self.lockerIds = lockerIds
        var initial = State()
        for id in lockerIds { initial.service[id] = (ServiceFields.inService, nil) }
        state = Mutex(initial)
    }

    /// Findings made while the load ran (a locker handed out twice, a refused release).
    var violations: [String] { state.withLock { $0.violations } }

    // MARK: Creates

    func createSent(reference: String, lockerId: Int64?) {
        state.withLock { $0.creates[reference] = lockerId }
    }

    /// Records the answer to a create: an acknowledged one must not hand out a
    /// locker another acknowledged, unreleased transaction holds.
    func createAnswered(reference: String, _ answer: CrashSafetyAnswer, round: Int) {
        guard answer.status != nil else { return }
        let created = answer.acknowledged(CrashTransactionBody.self)
        state.withLock { state in
            let asked = state.creates.removeValue(forKey: reference) ?? nil
            guard let created else { return }
            if let asked, asked != created.lockerId {
                state.violations.append("round \(round): asked for locker \(asked), got \(created.lockerId)")
            }
            if created.reference != reference {
                state.violations.append("round \(round): transaction \(created.id) lost its reference \(reference)")
            }
            let holders = state.transactions.filter { $0.value.lockerId == created.lockerId && $0.value.fate == .active }
            if let holder = holders.first {
                state.violations.append(
                    "round \(round): locker \(created.lockerId) assigned twice: \(holder.key) and \(created.id)")
            }
            state.transactions[created.id] = (created.lockerId, .active)
        }
    }

    // MARK: Releases and opens

    /// Picks an active transaction and marks it released-in-doubt before the release is sent.
    func claimForRelease(using random: inout CrashSafetyRandom) -> String? {
        state.withLock { state in
            let active = state.transactions.filter { $0.value.fate == .active }.map(\.key).sorted()
            guard let id = active.randomElement(using: &random) else { return nil }
            state.transactions[id]?.fate = .releaseInDoubt
            return id
        }
    }

    func releaseAnswered(id: String, _ answer: CrashSafetyAnswer, round: Int) {
        guard let status = answer.status else { return }
        state.withLock { state in
            if (200..<300).contains(status) {
                state.transactions[id]?.fate = .released
            } else if status == 404 || status == 409 {
                state.violations.append("round \(round): release of active transaction \(id) answered \(status)")
            } else {
                state.transactions[id]?.fate = .active
            }
        }
    }

    /// Any transaction believed active, for an open by transaction.
    func activeTransaction(using random: inout CrashSafetyRandom) -> String? {
        state.withLock { state in
            state.transactions.filter { $0.value.fate == .active }.map(\.key).sorted().randomElement(using: &random)
        }
    }

    // MARK: Service state

    /// The next change of one of `owner`'s lockers (each locker has one owning client,
    /// so its changes never race): out of service with a code and a unique reason, or back.
    func serviceChange(owner: Int, of owners: Int, using random: inout CrashSafetyRandom, tag: String)
        -> (lockerId: Int64, body: String)?
    {
        let owned = lockerIds.enumerated().filter { $0.offset % owners == owner }.map(\.element)
        guard let lockerId = owned.randomElement(using: &random) else { return nil }
        let codes = ["MANUAL_DISABLE", "MAINTENANCE", "CLEANING", "DAMAGED"]
        return state.withLock { state in
            guard let current = state.service[lockerId], current.inFlight == nil else { return nil }
            let target: ServiceFields
            let body: String
            if current.settled.outOfService {
                target = .inService
                body = #"{"outOfService": false}"#
            } else {
                let code = codes.randomElement(using: &random) ?? "OTHER"
                target = ServiceFields(outOfService: true, reasonCode: code, reason: tag)
                body = #"{"outOfService": true, "reasonCode": "\#(code)", "reason": "\#(tag)"}"#
            }
            state.service[lockerId]?.inFlight = target
            return (lockerId, body)
        }
    }

    func serviceChangeAnswered(lockerId: Int64, _ answer: CrashSafetyAnswer, round: Int) {
        guard let status = answer.status else { return }
        state.withLock { state in
            guard let current = state.service[lockerId] else { return }
            if (200..<300).contains(status), let target = current.inFlight {
                state.service[lockerId] = (target, nil)
            } else {
                if status < 500 {
                    state.violations.append("round \(round): service change of locker \(lockerId) answered \(status)")
                }
                state.service[lockerId]?.inFlight = nil
            }
        }
    }
}

/// What holding the ledger against a killed bridge's state found.
struct Reconciliation: Sendable {
    var problems: [String] = []
    /// Unanswered changes that the bridge had applied (whole) before it died.
    var appliedInDoubt = 0
    /// Unanswered changes that left no trace.
    var droppedInDoubt = 0
}

extension CrashSafetyLedger {
    /// Holds everything acknowledged against what a restart will find, then
    /// settles every doubt on the found state.
    func reconcile(with found: CabinetSnapshot) -> Reconciliation {
        state.withLock { state in
            var result = Reconciliation()
            var problems: [String] = []
            for (id, known) in state.transactions.sorted(by: { $0.key < $1.key }) {
                guard let stored = found.transactions[id] else {
                    problems.append("acknowledged transaction \(id) is lost")
                    continue
                }
                let expected: Set<String> = switch known.fate {
                case .active: ["active"]
                case .released: ["released"]
                case .releaseInDoubt: ["active", "released"]
                }
                if !expected.contains(stored.status) || stored.lockerId != known.lockerId {
                    problems.append("transaction \(id) is \(stored.status) on locker \(stored.lockerId), "
                        + "expected \(expected.sorted()) on locker \(known.lockerId)")
                }
                if known.fate == .releaseInDoubt {
                    if stored.status == "released" { result.appliedInDoubt += 1 } else { result.droppedInDoubt += 1 }
                }
                state.transactions[id]?.fate = stored.status == "active" ? .active : .released
            }
            // A create that got no answer may have been applied, once and whole.
            for stored in found.transactions.values where state.transactions[stored.id] == nil {
                guard let reference = stored.reference, let asked = state.creates[reference] else {
                    problems.append("transaction \(stored.id) was never acknowledged nor in flight")
                    continue
                }
                state.creates.removeValue(forKey: reference)
                if stored.status != "active" || (asked != nil && asked != stored.lockerId) {
                    problems.append("unanswered create \(reference) left \(stored)")
                }
                state.transactions[stored.id] = (stored.lockerId, stored.status == "active" ? .active : .released)
                result.appliedInDoubt += 1
            }
            result.droppedInDoubt += state.creates.count
            state.creates.removeAll()
            for (lockerId, known) in state.service.sorted(by: { $0.key < $1.key }) {
                guard let locker = found.lockers[lockerId] else {
                    problems.append("locker \(lockerId) is gone")
                    continue
                }
                let fields = ServiceFields(
                    outOfService: locker.outOfService, reasonCode: locker.reasonCode, reason: locker.reason)
                if fields != known.settled && fields != known.inFlight {
                    problems.append("locker \(lockerId) has \(fields), acknowledged \(known.settled)"
                        + (known.inFlight.map { ", in flight \($0)" } ?? ""))
                } else if known.inFlight != nil {
                    if fields == known.inFlight { result.appliedInDoubt += 1 } else { result.droppedInDoubt += 1 }
                }
                state.service[lockerId] = (fields, nil)
            }
            for (lockerId, holders) in found.lockersHeldTwice.sorted(by: { $0.key < $1.key }) {
                problems.append("locker \(lockerId) held by \(holders)")
            }
            result.problems = problems
            return result
        }
    }
}
