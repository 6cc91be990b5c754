import Foundation
@testable import HarborBridge
import Testing

@Suite struct AdminCredentialsTests {
    /// A fresh store in a temporary directory, removed afterwards.
    private func withStore(_ body: (HarborStore, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-cred-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HarborStore(directory: directory)
        try await body(store, directory.path)
        try? store.close()
    }

    @Test func aGeneratedPasswordIsKeptInA0600FileAndOnlyItsPathIsTold() async throws {
        try await withStore { store, directory in
            let note = try await AdminCredentials.bootstrap(store: store, password: nil, dataDirectory: directory, cost: 4)
            let path = (directory as NSString).appendingPathComponent("admin-password")
            #expect(note == .passwordFile(path: path, created: true))
            let password = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(password.count >= 32)
            #expect(note.map { String(describing: $0) }?.contains(password) == false)
            #expect(note.map { String(describing: $0) }?.contains(path) == true)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let credentials = AdminCredentials(store: store, cost: 4)
            #expect(try await credentials.verify(user: "admin", password: password))
            let again = try await AdminCredentials.bootstrap(store: store, password: nil, dataDirectory: directory, cost: 4)
            #expect(again == nil, "a stored hash is left alone")
        }
    }

    @Test func onlyABcryptHashIsStored() async throws {
        try await withStore { store, directory in
            _ = try await AdminCredentials.bootstrap(
                store: store, password: "configured password", dataDirectory: directory, cost: 4)
            let config = try await store.loadConfig()
            let hash = try #require(config["admin.passwordHash"])
            #expect(hash.hasPrefix("$2b$04$") && hash.count == 60)
            #expect(!config.values.contains { $0.contains("configured password") })
            #expect(!FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("admin-password")))
        }
    }

    @Test func aChangedConfiguredPasswordReplacesTheStoredOneAndEndsSessions() async throws {
        try await withStore { store, directory in
            _ = try await AdminCredentials.bootstrap(store: store, password: "first password", dataDirectory: directory, cost: 4)
            let unchanged = try await AdminCredentials.bootstrap(
                store: store, password: "first password", dataDirectory: directory, cost: 4)
            #expect(unchanged == nil)
            try await store.insertSession(SessionRecord(
                tokenHash: "h", user: "admin", createdAt: Date(), lastUsedAt: Date(), expiresAtAbsolute: Date()))
            let note = try await AdminCredentials.bootstrap(
                store: store, password: "second password", dataDirectory: directory, cost: 4)
            #expect(note == .replacedFromConfiguration)
            let credentials = AdminCredentials(store: store, cost: 4)
            #expect(try await credentials.verify(user: "admin", password: "second password"))
            #expect(try await !credentials.verify(user: "admin", password: "first password"))
            #expect(try await store.session(tokenHash: "h") == nil)
        }
    }

    @Test func aPasswordChangedThroughTheAPIStaysWhenNoneIsConfigured() async throws {
        try await withStore { store, directory in
            _ = try await AdminCredentials.bootstrap(store: store, password: nil, dataDirectory: directory, cost: 4)
            let path = (directory as NSString).appendingPathComponent("admin-password")
            let generated = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let credentials = AdminCredentials(store: store, cost: 4)
            try await credentials.changePassword(current: generated, new: "chosen by the operator")
            #expect(try await AdminCredentials.bootstrap(store: store, password: "", dataDirectory: directory, cost: 4) == nil)
            #expect(try await credentials.verify(user: "admin", password: "chosen by the operator"))
        }
    }

    @Test func longPasswordsCountInFullAndNulBytesMatter() async throws {
        try await withStore { store, directory in
            let long = String(repeating: "p", count: 100)
            _ = try await AdminCredentials.bootstrap(store: store, password: long + "A", dataDirectory: directory, cost: 4)
            let credentials = AdminCredentials(store: store, cost: 4)
            #expect(try await credentials.verify(user: "admin", password: long + "A"))
            #expect(try await !credentials.verify(user: "admin", password: long + "B"), "bcrypt alone would stop at 72 bytes")
            try await credentials.changePassword(current: long + "A", new: "twelve chars\u{0}one")
            #expect(try await !credentials.verify(user: "admin", password: "twelve chars\u{0}two"))
            #expect(try await credentials.verify(user: "admin", password: "twelve chars\u{0}one"))
        }
    }

    @Test func anExistingPasswordFileIsUsedWhenTheStoreHasNoHash() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-cred-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try HarborStore(directory: directory)
        _ = try await AdminCredentials.bootstrap(store: first, password: nil, dataDirectory: directory.path, cost: 4)
        try first.close()
        try FileManager.default.removeItem(at: directory.appendingPathComponent(HarborStore.fileName))
        let second = try HarborStore(directory: directory)
        let note = try await AdminCredentials.bootstrap(store: second, password: nil, dataDirectory: directory.path, cost: 0)
        let path = directory.appendingPathComponent("admin-password").path
        #expect(note == .passwordFile(path: path, created: false))
        let password = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await AdminCredentials(store: second, cost: 0).verify(user: "admin", password: password))
        #expect(try await second.adminPasswordHash()?.hasPrefix("$2b$04$") == true, "cost 0 is raised to bcrypt's 4")
        try second.close()
    }

    @Test(arguments: [(11, false), (12, true), (128, true), (129, false)])
    func newPasswordsHave12To128CodePoints(length: Int, accepted: Bool) {
        let password = String(repeating: "é", count: length)
        let passed = (try? AdminCredentials.checkNewPassword(password)) != nil
        #expect(passed == accepted)
    }

    @Test func withoutAStoredHashNothingVerifies() async throws {
        try await withStore { store, _ in
            let verified = try await AdminCredentials(store: store, cost: 4).verify(user: "admin", password: "")
            #expect(!verified)
        }
    }
}
