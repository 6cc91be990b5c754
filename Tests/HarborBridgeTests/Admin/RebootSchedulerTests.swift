import Foundation
@testable import HarborBridge
import Testing

@Suite struct RebootSchedulerTests {
    /// A command appending one line to a file in a fresh directory, and that file's path.
    private func marker() throws -> (command: [String], file: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-reboot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ran")
        return (["/bin/sh", "-c", "echo ran >> '\(file.path)'"], file)
    }

    private func runs(_ file: URL) -> Int {
        ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func oneRequestRunsTheCommandOnceAfterAnswering() async throws {
        let (command, file) = try marker()
        let audit = AuditLines()
        let scheduler = RebootScheduler(command: command, delay: .milliseconds(300), audit: audit.logger())
        #expect(scheduler.requestReboot(by: AdminBench.alice) == .scheduled)
        // The request returned before the command had its turn.
        #expect(runs(file) == 0)
        #expect(scheduler.isPending)
        #expect(await scheduler.settled() == .exited(status: 0))
        #expect(runs(file) == 1)
        #expect(!scheduler.isPending)
        #expect(audit.matching("reboot requested", "caller=admin:alice", "command=/bin/sh -c", "delayMs=300").count == 1)
        #expect(audit.matching("reboot command ran", "exited with status 0").count == 1)
    }

    @Test func quickSecondRequestJoinsThePendingOne() async throws {
        let (command, file) = try marker()
        let audit = AuditLines()
        let scheduler = RebootScheduler(command: command, delay: .milliseconds(200), audit: audit.logger())
        #expect(scheduler.requestReboot(by: AdminBench.alice) == .scheduled)
        #expect(scheduler.requestReboot(by: .admin(user: "bob")) == .alreadyPending)
        _ = await scheduler.settled()
        #expect(runs(file) == 1)
        #expect(audit.matching("reboot requested while one is pending", "caller=admin:bob").count == 1)
        // Once the run is over a new request runs the command again (a failed reboot can be retried).
        #expect(scheduler.requestReboot(by: AdminBench.alice) == .scheduled)
        _ = await scheduler.settled()
        #expect(runs(file) == 2)
    }

    @Test func commandsThatCannotStartOrFailAreLoggedErrors() async throws {
        let audit = AuditLines()
        let missing = RebootScheduler(command: ["/usr/sbin/harbor-no-such-reboot"], delay: .zero, audit: audit.logger())
        missing.requestReboot(by: AdminBench.alice)
        guard case .couldNotStart? = await missing.settled() else {
            Issue.record("a missing program must be reported as not started")
            return
        }
        let notOnPath = RebootScheduler(command: ["harbor-no-such-reboot", "now"], delay: .zero, audit: audit.logger())
        notOnPath.requestReboot(by: AdminBench.alice)
        guard case .couldNotStart? = await notOnPath.settled() else {
            Issue.record("a name missing from PATH must be reported as not started")
            return
        }
        let failing = RebootScheduler(command: ["/bin/sh", "-c", "exit 3"], delay: .zero, audit: audit.logger())
        failing.requestReboot(by: AdminBench.alice)
        #expect(await failing.settled() == .exited(status: 3))
        #expect(audit.matching("<3>error [audit] reboot command failed", "could not start").count == 2)
        #expect(audit.matching("<3>error [audit] reboot command failed", "exited with status 3").count == 1)
    }

    @Test func programsResolveByAbsolutePathOrPath() throws {
        let (_, plain) = try marker()
        try "not a program".write(to: plain, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: plain.path)
        #expect(RebootCommand.executable("/bin/sh")?.path == "/bin/sh")
        #expect(RebootCommand.executable("sh") != nil)
        #expect(RebootCommand.executable("bin/sh") == nil)
        #expect(RebootCommand.executable("") == nil)
        #expect(RebootCommand.executable(plain.path) == nil)
        #expect(RebootCommand.executable("/bin") == nil)
        #expect(RebootCommand.executable("harbor-no-such-reboot") == nil)
    }
}

@Suite struct RebootConfigurationTests {
    @Test func defaultFileAndEnvironment() throws {
        #expect(BridgeConfiguration().rebootCommand == ["systemctl", "reboot"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("harbor.yaml").path
        try "rebootCommand: [/bin/sh, -c, 'shutdown -r now']\n".write(toFile: path, atomically: true, encoding: .utf8)
        let fromFile = try BridgeConfiguration.load(file: path, environment: [:], overrides: .init())
        #expect(fromFile.rebootCommand == ["/bin/sh", "-c", "shutdown -r now"])
        let fromEnvironment = try BridgeConfiguration.load(
            file: path, environment: ["HARBOR_REBOOT_COMMAND": "sh  -c reboot"], overrides: .init())
        #expect(fromEnvironment.rebootCommand == ["sh", "-c", "reboot"])
    }

    @Test func refusesCommandsThatCannotRun() {
        for command in ["", "   ", "bin/reboot now", "harbor-no-such-reboot", "/usr/sbin/harbor-no-such-reboot"] {
            #expect(throws: ConfigurationError.self, "\(command)") {
                try BridgeConfiguration.load(file: nil, environment: ["HARBOR_REBOOT_COMMAND": command], overrides: .init())
            }
        }
    }
}

@Suite("Reboot command child process")
struct RebootCommandProcessTests {
    @Test("exit status and killing signal come back as they happened")
    func statusAndSignal() async {
        #expect(await RebootCommand.run(["/bin/sh", "-c", "exit 7"]) == .exited(status: 7))
        #expect(await RebootCommand.run(["/bin/sh", "-c", "kill -9 $$"]) == .killed(signal: 9))
    }

    @Test("the child gets none of the gateway's descriptors beyond stdout and stderr")
    func noInheritedDescriptors() async throws {
        // Opened without close-on-exec: only the spawn's own close actions keep it from the child.
        let descriptor = open("/dev/null", O_RDONLY)
        try #require(descriptor > STDERR_FILENO)
        defer { close(descriptor) }
        // Not inherited, stdout still there, stdin at end of file (/dev/null).
        let check = "test ! -e /proc/self/fd/\(descriptor) && test -e /proc/self/fd/1 && ! read -r line"
        #expect(await RebootCommand.run(["/bin/sh", "-c", check]) == .exited(status: 0))
    }

    @Test("several commands at once from several tasks each end as they should")
    func concurrentRuns() async {
        let outcomes = await withTaskGroup(of: RebootOutcome.self) { group in
            for status in 0..<16 {
                group.addTask { await RebootCommand.run(["/bin/sh", "-c", "exit \(status)"]) }
            }
            return await group.reduce(into: [RebootOutcome]()) { $0.append($1) }
        }
        #expect(Set(outcomes.map(\.description)) == Set((0..<16).map { "exited with status \($0)" }))
    }
}
