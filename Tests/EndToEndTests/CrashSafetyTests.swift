import Foundation
import Testing

/// `harbor-bridge` killed with SIGKILL at random moments of a mixed load, then
/// restarted on the same data directory, round after round. After every kill the
/// database file must pass SQLite's integrity check, hold every change the bridge
/// acknowledged (and each unanswered one whole or not at all) and never two active
/// transactions on one locker; the restarted bridge must serve exactly that state.
///
/// The kill moments and every client's choices follow from one seed, printed
/// first; `HARBOR_CRASH_SEED=<seed>` replays them (the timing of a kill against
/// the requests in flight stays the machine's).
@Suite(.serialized) struct CrashSafetyTests {
    static let apiKey = "crash-key-0123456789abcdef"
    static let rounds = 60
    /// Past this, the run stops once `minimumRounds` are done (a loaded CI machine).
    static let budget = Duration.seconds(75)
    static let minimumRounds = 50
    static let configuration = """
        simulate: true
        simulatedBoards: 2
        simulatedLockersPerBoard: 12
        settings:
          pulseMs: 50
          statusPollIntervalMs: 500
        """

    @Test(.timeLimit(.minutes(3)))
    func acknowledgedChangesSurviveSigkillDuringMixedLoad() async throws {
        let seed = CrashSafetySeed.current
        print("CrashSafety: seed \(seed) (replay with HARBOR_CRASH_SEED=\(seed))")
        let started = ContinuousClock.now
        var bridge = try await BridgeProcess(configuration: Self.configuration, apiKey: Self.apiKey)
        var output = bridge.drainOutput()
        let token = try await Self.login(bridge)
        var client = CrashSafetyClient(port: bridge.port, apiKey: Self.apiKey, adminToken: token)
        try await Self.waitUntilOnline(client)
        let initial = try await CabinetSnapshot.served(by: client)
        let ledger = CrashSafetyLedger(lockerIds: initial.lockers.keys.sorted())
        #expect(ledger.lockerIds.count == 24)

        var killMoments = CrashSafetyRandom(seed: seed)
        var totals = RoundTally()
        var rounds = 0
        var failedRound: Int?
        for round in 1...Self.rounds {
            if round > Self.minimumRounds, ContinuousClock.now - started > Self.budget { break }
            let context = "round \(round) (seed \(seed))"
            let delay = Int.random(in: 20...300, using: &killMoments)
            let dying = bridge
            var tally = await CrashSafetyLoad(round: round, seed: seed, client: client, ledger: ledger)
                .run(killAfter: .milliseconds(delay)) { _ = await dying.kill() }
            client.close()
            rounds = round
            defer {
                totals.add(tally)
                print("CrashSafety round \(round): killed \(delay) ms into the load; \(tally.summary)")
            }
            guard dying.endedBySigkill else {
                Issue.record("\(context): the bridge did not end by the kill:\n\(output.text)")
                failedRound = round
                break
            }
            do {
                let file = try await Self.checkAfterKill(dying, ledger: ledger, context: context)
                tally.appliedInDoubt = file.found.appliedInDoubt
                tally.droppedInDoubt = file.found.droppedInDoubt
                bridge = try await dying.restarted()
                output = bridge.drainOutput()
                client = CrashSafetyClient(port: bridge.port, apiKey: Self.apiKey, adminToken: token)
                let served = try await CabinetSnapshot.served(by: client)
                let differences = served.differences(from: file.snapshot)
                let listed = differences.joined(separator: "\n")
                #expect(differences.isEmpty, "\(context): the restarted bridge serves (left) another state than its file:\n\(listed)")
                #expect(served.lockersHeldTwice.isEmpty, "\(context): the API shows lockers held twice")
                if !file.sound || !differences.isEmpty || !ledger.violations.isEmpty || !tally.unexpected.isEmpty {
                    failedRound = round
                    break
                }
                try await Self.waitUntilOnline(client)
            } catch {
                Issue.record("\(context): \(error)\n\(output.text)")
                failedRound = round
                break
            }
        }
        if let failedRound { print("CrashSafety: stopped at round \(failedRound); replay with HARBOR_CRASH_SEED=\(seed)") }
        #expect(failedRound != nil || rounds >= Self.minimumRounds)
        #expect(ledger.violations.isEmpty, "seed \(seed): \(ledger.violations.joined(separator: "\n"))")
        #expect(totals.unexpected.isEmpty, "seed \(seed): \(totals.unexpected.joined(separator: "\n"))")
        #expect(totals.unanswered > 0, "no kill caught a request in flight")
        print("CrashSafety: \(rounds) kills in \(ContinuousClock.now - started); \(totals.summary)")
        client.close()
        _ = try await bridge.terminate()
        let folder = bridge.configurationFile.deletingLastPathComponent()
        if failedRound == nil, !bridge.process.isRunning {
            try? FileManager.default.removeItem(at: folder)
        } else {
            print("CrashSafety: configuration and data kept in \(folder.path)")
        }
    }

    /// Reads the dead bridge's database file and holds the ledger against it;
    /// `sound` is false when anything was wrong.
    private static func checkAfterKill(
        _ bridge: BridgeProcess, ledger: CrashSafetyLedger, context: String
    ) async throws -> (snapshot: CabinetSnapshot, sound: Bool, found: Reconciliation) {
        let databaseURL = bridge.dataDirectory.appendingPathComponent("harbor.sqlite")
        let report = try await offThePool { try DatabaseFileReport.read(databaseURL) }
        #expect(report.integrity == ["ok"], "\(context): integrity_check says \(report.integrity)")
        #expect(report.foreignKeyProblems == 0, "\(context): \(report.foreignKeyProblems) foreign key violations")
        #expect(report.lockersWithTwoActiveRows.isEmpty, "\(context): lockers \(report.lockersWithTwoActiveRows) held twice")
        let found = ledger.reconcile(with: report.snapshot)
        #expect(found.problems.isEmpty, "\(context):\n\(found.problems.joined(separator: "\n"))")
        let sound = report.integrity == ["ok"] && report.foreignKeyProblems == 0
            && report.lockersWithTwoActiveRows.isEmpty && found.problems.isEmpty
        return (report.snapshot, sound, found)
    }

    /// An admin session from the password the bridge generated on its first start.
    /// Sessions are stored, so this acknowledged login must outlive every kill.
    private static func login(_ bridge: BridgeProcess) async throws -> String {
        let file = bridge.dataDirectory.appendingPathComponent("admin-password")
        let password = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let client = CrashSafetyClient(port: bridge.port, apiKey: apiKey, adminToken: nil)
        defer { client.close() }
        let answer = await client.send("POST", "/auth/login", basic: ("admin", password))
        guard let login = answer.acknowledged(CrashLogin.self) else { throw CrashSafetyFailure("login: \(answer)") }
        return login.token
    }

    /// Polls `GET /health` briefly until both simulated boards answer.
    private static func waitUntilOnline(_ client: CrashSafetyClient) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await client.send("GET", "/health").acknowledged(CrashHealth.self)?.controllersOnline == 2 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CrashSafetyFailure("the simulated boards did not come online")
    }
}
