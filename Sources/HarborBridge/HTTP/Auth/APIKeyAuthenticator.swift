import Hummingbird

/// Accepts the gateway's API key in `X-API-Key`. The key is compared in constant
/// time over its full length and never logged or echoed.
public struct APIKeyAuthenticator: RequestAuthenticator {
    /// The header that carries the key (canonical lowercase form).
    public static let headerName = "x-api-key"

    private let key: [UInt8]

    /// An authenticator for one key. An empty key accepts nothing, so that a
    /// missing configuration cannot open the API to an empty header.
    public init(apiKey: String) {
        key = Array(apiKey.utf8)
    }

    /// `.apiKey` when exactly one `X-API-Key` header carries the key.
    public func authenticate(_ request: Request) async -> Caller? {
        let offered = request.headers.filter { $0.name.canonicalName == Self.headerName }.map(\.value)
        guard !key.isEmpty, offered.count == 1, let candidate = offered.first else { return nil }
        return Self.constantTimeEqual(Array(candidate.utf8), key) ? .apiKey : nil
    }

    /// Compares every byte of `expected` whatever the candidate holds, so the time
    /// taken depends only on the key's length, never on where a guess goes wrong.
    static func constantTimeEqual(_ candidate: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt(candidate.count ^ expected.count)
        for index in expected.indices {
            let offered = index < candidate.count ? candidate[index] : 0
            difference |= UInt(offered ^ expected[index])
        }
        return difference == 0
    }
}
