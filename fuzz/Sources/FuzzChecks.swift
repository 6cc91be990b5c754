import Glibc

/// The properties every codec must keep, whatever bytes arrive. A violation stops
/// the process with `abort()`, which libFuzzer reports like a crash and saves the
/// input for; the harness has no other way to tell the fuzzer about a finding.
enum FuzzChecks {
    /// Prints what broke and stops the run. Callers pass the codec's label as an
    /// autoclosure: describing an enum is slow and only a failure needs the text.
    static func broken(_ codec: String, _ what: String) -> Never {
        let message = Array("codec property broken [\(codec)]: \(what)\n".utf8)
        _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// The same bytes at index 3 of a larger array. Codecs must index a slice from
    /// its `startIndex` (frames are cut from a receive buffer), so a frame has to
    /// decode the same wherever its slice starts.
    static func moved(_ frame: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        ([0xA5, 0x5A, 0xC3] + frame)[3...]
    }

    /// Runs `decode` on the frame and on its moved copy, demands the same answer
    /// (value or error) from both, and returns the value if it decoded.
    static func decodeAnywhere<Value: Equatable, Failure: Error & Equatable>(
        _ frame: ArraySlice<UInt8>, codec: @autoclosure () -> String,
        _ decode: (ArraySlice<UInt8>) throws(Failure) -> Value
    ) -> Value? {
        let here = outcome { () throws(Failure) in try decode(frame) }
        let there = outcome { () throws(Failure) in try decode(moved(frame)) }
        guard here == there else {
            broken(codec(), "\(Hex.string(frame)) decodes to \(here) at index 0 but to \(there) at index 3")
        }
        return try? here.get()
    }

    /// Checks a scanner's verdict against the contract of `FrameScan` (lengths of
    /// at least one byte, never past the end of the buffer), the same for a moved
    /// copy, and returns the frames worth decoding: the whole buffer and, when the
    /// scanner delimited one, the frame at its front.
    static func scannedFrames(
        _ bytes: ArraySlice<UInt8>, codec: @autoclosure () -> String, _ scan: (ArraySlice<UInt8>) -> FrameScan
    ) -> [ArraySlice<UInt8>] {
        let verdict = scan(bytes)
        let movedVerdict = scan(moved(bytes))
        guard verdict == movedVerdict else {
            broken(codec(), "scan of \(Hex.string(bytes)) is \(verdict) at index 0 but \(movedVerdict) at index 3")
        }
        let length: Int
        switch verdict {
        case .needMore, .noise:
            return [bytes]
        case let .complete(count), let .completeUnlessMoreFollows(count), let .corrupt(count):
            length = count
        }
        guard length >= 1, length <= bytes.count else {
            broken(codec(), "scan of \(bytes.count) bytes \(Hex.string(bytes)) gave \(verdict)")
        }
        return length == bytes.count ? [bytes] : [bytes, bytes.prefix(length)]
    }

    /// One direction of a codec, whole: the frames the scanner delimits decode the
    /// same wherever their slice starts, and every value that decodes survives a
    /// round trip through `encode` and `decode` (values compared, not bytes).
    static func scanDecodeRoundTrip<Value: Equatable>(
        _ bytes: ArraySlice<UInt8>, codec: @autoclosure () -> String,
        scan: (ArraySlice<UInt8>) -> FrameScan,
        decode: (ArraySlice<UInt8>) throws(CodecError) -> Value,
        encode: (Value) throws(CodecError) -> [UInt8]
    ) {
        for frame in scannedFrames(bytes, codec: codec(), scan) {
            guard let value = decodeAnywhere(frame, codec: codec(), decode) else { continue }
            roundTrip(
                value, from: frame, codec: codec(), encode: encode,
                decode: { (encoded) throws(CodecError) in try decode(encoded[...]) })
        }
    }

    /// A decoded value must encode, and the encoding must decode to the same value.
    static func roundTrip<Value: Equatable, Failure: Error>(
        _ value: Value, from frame: ArraySlice<UInt8>, codec: @autoclosure () -> String,
        encode: (Value) throws(Failure) -> [UInt8],
        decode: ([UInt8]) throws(Failure) -> Value
    ) {
        let encoded: [UInt8]
        do {
            encoded = try encode(value)
        } catch {
            broken(codec(), "\(Hex.string(frame)) decodes to \(value), which does not encode: \(error)")
        }
        do {
            let again = try decode(encoded)
            guard again == value else {
                broken(codec(), "\(value) from \(Hex.string(frame)) encodes to \(Hex.string(encoded)), read as \(again)")
            }
        } catch {
            broken(codec(), "\(value) from \(Hex.string(frame)) encodes to \(Hex.string(encoded)), unreadable: \(error)")
        }
    }

    private static func outcome<Value, Failure: Error>(
        _ body: () throws(Failure) -> Value
    ) -> Result<Value, Failure> {
        do {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }
}
