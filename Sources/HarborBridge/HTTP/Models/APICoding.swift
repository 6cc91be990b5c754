import Foundation
import Hummingbird

/// The one JSON configuration of the API: RFC 3339 dates (see `RFC3339`), keys as
/// the models name them, and sorted keys so that answers are byte-stable.
public enum APICoding {
    /// A fresh encoder for response bodies.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        return encoder
    }

    /// A fresh decoder for request bodies (and for clients and tests reading answers).
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text) is not an RFC 3339 date-time")
            }
            return date
        }
        return decoder
    }

    /// The encoder every answer goes through: one for the process (an encoder is
    /// safe to share once configured, and making one per answer showed in profiles).
    static let responseEncoder = makeEncoder()

    /// A response body: `value` encoded as the API encodes every answer.
    public static func encodedBody(_ value: some Encodable) throws(APIError) -> ByteBuffer {
        do {
            return ByteBuffer(bytes: try responseEncoder.encode(value))
        } catch {
            throw .internalError()
        }
    }
}
