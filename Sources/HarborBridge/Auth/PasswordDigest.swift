import Crypto
import Dispatch
import Foundation
import HummingbirdBcrypt

/// Slow salted password hashes: bcrypt over base64(SHA-256(password)).
///
/// The SHA-256 step is there because bcrypt reads at most 72 bytes and stops at a
/// NUL byte: without it, two 128-character passwords sharing their first 72 bytes
/// would both verify. The base64 digest is 44 ASCII bytes with no NUL.
enum PasswordDigest {
    /// bcrypt's own bounds; a cost outside them would stop the process.
    static let costRange: ClosedRange<UInt8> = 4...31

    /// bcrypt is meant to be slow; it runs on this serial queue rather than on the
    /// cooperative pool (a serial queue gets a thread of its own), one at a time so
    /// that a burst of logins cannot take every core of the SBC.
    private static let queue = DispatchQueue(label: "harbor.auth.bcrypt")

    /// A new salted hash of `password`.
    static func hash(_ password: String, cost: UInt8) async -> String {
        let cost = min(max(cost, costRange.lowerBound), costRange.upperBound)
        let prepared = prepare(password)
        return await offThePool { Bcrypt.hash(prepared, cost: cost) }
    }

    /// True when `password` matches `hash`; false for anything that is not a bcrypt hash.
    static func verify(_ password: String, hash: String) async -> Bool {
        let prepared = prepare(password)
        return await offThePool { Bcrypt.verify(prepared, hash: hash) }
    }

    private static func prepare(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    private static func offThePool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
