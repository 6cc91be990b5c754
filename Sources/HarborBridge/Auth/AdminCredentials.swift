import Foundation

/// What `AdminCredentials.bootstrap` did that the operator should know about.
/// It names where a password is kept, never the password.
public enum BootstrapNote: Sendable, Equatable, CustomStringConvertible {
    /// No password was configured; the admin password is the one in this file (mode 0600).
    case passwordFile(path: String, created: Bool)
    /// The configured password differed from the stored one and replaced it; sessions were ended.
    case replacedFromConfiguration

    /// One log line for the operator.
    public var description: String {
        switch self {
        case let .passwordFile(path, true):
            "generated an admin password (user admin); it is stored in \(path) (mode 0600)"
        case let .passwordFile(path, false):
            "the admin password (user admin) is the one stored in \(path) (mode 0600)"
        case .replacedFromConfiguration:
            "the admin password was changed through the environment or configuration file; every session was ended"
        }
    }
}

/// The admin user's credentials. The password exists only as a bcrypt hash in the
/// store's config table (`admin.passwordHash`); verification is bcrypt's own
/// comparison, whose time does not depend on where a guess goes wrong.
public final class AdminCredentials: Sendable {
    /// The one admin user name.
    public static let user = "admin"
    /// bcrypt cost used in production (2^10 rounds).
    public static let defaultCost: UInt8 = 10
    /// Allowed length of a new password set through the API, in Unicode code points.
    public static let newPasswordLength = 12...128
    /// File name of the generated password in the data directory.
    public static let passwordFileName = "admin-password"

    let store: HarborStore
    let cost: UInt8

    /// Credentials kept in `store`; `cost` below 4 or above 31 is clamped (tests use 4).
    public init(store: HarborStore, cost: UInt8 = AdminCredentials.defaultCost) {
        self.store = store
        self.cost = min(max(cost, PasswordDigest.costRange.lowerBound), PasswordDigest.costRange.upperBound)
    }

    /// Makes sure a password hash is stored, before the HTTP server starts.
    ///
    /// - No hash stored: hash `password` if one is configured (`HARBOR_ADMIN_PASSWORD`
    ///   or the configuration file), else the one in `<dataDirectory>/admin-password`,
    ///   generated (0600) the first time; the note says where it is.
    /// - A hash stored and a configured `password` that does not verify: the operator
    ///   changed it through the environment, so its hash replaces the stored one and
    ///   every session ends.
    /// - Otherwise nothing changes (a password changed through the API stays).
    /// An empty `password` counts as none.
    public static func bootstrap(
        store: HarborStore, password: String?, dataDirectory: String, cost: UInt8 = AdminCredentials.defaultCost
    ) async throws(AdminBootstrapError) -> BootstrapNote? {
        let credentials = AdminCredentials(store: store, cost: cost)
        let configured = password.flatMap { $0.isEmpty ? nil : $0 }
        let stored: String?
        do { stored = try await store.adminPasswordHash() } catch { throw .store(error) }

        if let stored {
            guard let configured, !(await PasswordDigest.verify(configured, hash: stored)) else { return nil }
            do { try await credentials.storeHash(of: configured) } catch { throw .store(error) }
            return .replacedFromConfiguration
        }
        if let configured {
            do { try await credentials.storeHash(of: configured) } catch { throw .store(error) }
            return nil
        }
        let file: (value: String, created: Bool, path: String)
        do {
            file = try SecretFile.loadOrCreate(passwordFileName, in: dataDirectory)
        } catch {
            throw .passwordFile(error)
        }
        do { try await credentials.storeHash(of: file.value) } catch { throw .store(error) }
        return .passwordFile(path: file.path, created: file.created)
    }

    /// True when `user` is the admin and `password` verifies against the stored hash.
    /// bcrypt runs even for another user name, so the answer takes the same time.
    public func verify(user: String, password: String) async throws(AuthFailure) -> Bool {
        let stored: String?
        do { stored = try await store.adminPasswordHash() } catch { throw .storeUnavailable }
        guard let stored else { return false }
        let passwordMatches = await PasswordDigest.verify(password, hash: stored)
        return passwordMatches && user == Self.user
    }

    /// Replaces the password after checking the current one, and ends every session.
    public func changePassword(current: String, new: String) async throws(AuthFailure) {
        try Self.checkNewPassword(new)
        guard try await verify(user: Self.user, password: current) else { throw .invalidCredentials }
        do { try await storeHash(of: new) } catch { throw .storeUnavailable }
    }

    /// Refuses a new password outside `newPasswordLength` (counted in code points, as the document's schema does).
    public static func checkNewPassword(_ password: String) throws(AuthFailure) {
        guard newPasswordLength.contains(password.unicodeScalars.count) else {
            throw .passwordLength(allowed: newPasswordLength)
        }
    }

    private func storeHash(of password: String) async throws(StoreError) {
        try await store.replaceAdminPasswordHash(await PasswordDigest.hash(password, cost: cost))
    }
}
