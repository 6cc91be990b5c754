import Foundation

/// One transaction: a locker assigned to a customer or parcel until it is released.
public struct TransactionRecord: Sendable, Equatable {
    /// `active` while the locker is held.
    public static let active = "active"
    /// `released` once the locker was freed.
    public static let released = "released"

    /// Lowercase UUID.
    public var id: String
    /// The locker the transaction holds.
    public var lockerId: Int64
    /// `active` or `released`.
    public var status: String
    /// The caller's own reference (order number, parcel id).
    public var reference: String?
    /// When the transaction was created.
    public var createdAt: Date
    /// When the transaction was released; nil while active.
    public var releasedAt: Date?

    /// A transaction record with every field given.
    public init(
        id: String, lockerId: Int64, status: String, reference: String? = nil,
        createdAt: Date, releasedAt: Date? = nil
    ) {
        self.id = id
        self.lockerId = lockerId
        self.status = status
        self.reference = reference
        self.createdAt = createdAt
        self.releasedAt = releasedAt
    }
}
