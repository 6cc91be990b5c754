import Foundation

/// Whether a transaction still holds its locker (schema `TransactionStatus`).
public enum TransactionStatus: String, Codable, Sendable, Equatable, CaseIterable {
    case active
    case released
}

/// One transaction (schema `TransactionResponse`).
public struct TransactionResponse: Codable, Sendable, Equatable {
    /// A lowercase UUID.
    public var id: String
    /// The locker it holds or held.
    public var lockerId: Int64
    /// Active or released.
    public var status: TransactionStatus
    /// When it was created.
    public var createdAt: Date
    /// Written as JSON `null` while the transaction is active.
    public var releasedAt: Date?
    /// The client's reference given at creation; written as JSON `null` when none was given.
    public var reference: String?

    /// A transaction with every field given.
    public init(
        id: String, lockerId: Int64, status: TransactionStatus, createdAt: Date, releasedAt: Date?,
        reference: String?
    ) {
        self.id = id
        self.lockerId = lockerId
        self.status = status
        self.createdAt = createdAt
        self.releasedAt = releasedAt
        self.reference = reference
    }

    private enum CodingKeys: String, CodingKey {
        case id, lockerId, status, createdAt, releasedAt, reference
    }

    /// Writes the nullable fields as `null` rather than leaving them out: the document requires them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(lockerId, forKey: .lockerId)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(releasedAt, forKey: .releasedAt)
        try container.encode(reference, forKey: .reference)
    }
}

/// The body of `POST /transactions` (schema `CreateTransactionRequest`); no body means `{}`.
public struct CreateTransactionRequest: Codable, Sendable, Equatable {
    /// The locker asked for; nil means any free locker.
    public var lockerId: Int64?
    /// The client's own reference, stored and returned as is.
    public var reference: String?

    /// A request for a given locker, or any free one.
    public init(lockerId: Int64? = nil, reference: String? = nil) {
        self.lockerId = lockerId
        self.reference = reference
    }
}

/// One page of transactions (schema `TransactionList`).
public struct TransactionList: Codable, Sendable, Equatable {
    /// This page, newest first.
    public var transactions: [TransactionResponse]
    /// Transactions matching the filters over all pages.
    public var total: Int
    /// The page size applied.
    public var limit: Int
    /// The offset applied.
    public var offset: Int

    /// A page with every field given.
    public init(transactions: [TransactionResponse], total: Int, limit: Int, offset: Int) {
        self.transactions = transactions
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}
