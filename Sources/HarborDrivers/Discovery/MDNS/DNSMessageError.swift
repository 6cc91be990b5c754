/// Why bytes are not a DNS message, or a message cannot be written. Received
/// packets that fail to decode are dropped; none of these ever crashes.
enum DNSMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message ends inside a field that starts at `offset`.
    case truncated(offset: Int)
    /// A compression pointer at `offset` points forward, at itself or outside the
    /// message: following it could loop.
    case badPointer(offset: Int)
    /// A label type other than a plain label or a pointer (RFC 6891 bits 01/10).
    case unsupportedLabel(offset: Int)
    /// A name longer than 255 bytes on the wire.
    case nameTooLong
    /// A label that is empty or longer than 63 bytes (when writing).
    case badLabel(String)
    /// A TXT character-string longer than 255 bytes (when writing).
    case textTooLong(Int)
    /// Record data that does not fit its type, at `offset`.
    case badRecordData(type: DNSRecordType, offset: Int)
    /// A record type whose data this codec cannot write.
    case unwritableRecord(DNSRecordType)

    /// Stable SCREAMING_SNAKE_CASE code.
    var code: String {
        switch self {
        case .truncated: "DNS_TRUNCATED"
        case .badPointer: "DNS_BAD_POINTER"
        case .unsupportedLabel: "DNS_UNSUPPORTED_LABEL"
        case .nameTooLong: "DNS_NAME_TOO_LONG"
        case .badLabel: "DNS_BAD_LABEL"
        case .textTooLong: "DNS_TEXT_TOO_LONG"
        case .badRecordData: "DNS_BAD_RECORD_DATA"
        case .unwritableRecord: "DNS_UNWRITABLE_RECORD"
        }
    }

    var description: String {
        switch self {
        case let .truncated(offset): "message ends inside the field at byte \(offset)"
        case let .badPointer(offset): "compression pointer at byte \(offset) does not point backwards"
        case let .unsupportedLabel(offset): "unsupported label type at byte \(offset)"
        case .nameTooLong: "name longer than 255 bytes"
        case let .badLabel(label): "label '\(label)' is empty or longer than 63 bytes"
        case let .textTooLong(count): "TXT string of \(count) bytes is longer than 255"
        case let .badRecordData(type, offset): "\(type) record data at byte \(offset) is malformed"
        case let .unwritableRecord(type): "cannot write a \(type) record"
        }
    }
}
