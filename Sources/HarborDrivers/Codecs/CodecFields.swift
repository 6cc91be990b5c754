/// Range checks and bit packing shared by the protocol codecs.
///
/// Kept as one namespace so the codecs report out-of-range fields the same way
/// and pack feedback bits in the same (bit 0 = lowest channel) order.
enum CodecFields {
    /// Returns `value` when it lies in `range`, otherwise throws `outOfRange`.
    static func check(_ field: String, _ value: Int, in range: ClosedRange<Int>) throws(CodecError) -> Int {
        guard range.contains(value) else {
            throw CodecError.outOfRange(field: field, value: value, range: range)
        }
        return value
    }

    /// Throws `wrongLength` unless the frame has exactly `length` bytes.
    static func expectLength(_ frame: ArraySlice<UInt8>, _ length: Int) throws(CodecError) {
        guard frame.count == length else {
            throw CodecError.wrongLength(expected: length, actual: frame.count)
        }
    }

    /// Eight bits per byte, bit 0 first: `[0x05]` -> `[true, false, true, false, ...]`.
    static func bits<S: Sequence>(of bytes: S) -> [Bool] where S.Element == UInt8 {
        var bits: [Bool] = []
        for byte in bytes {
            for bit in 0..<8 {
                bits.append(byte & (1 << bit) != 0)
            }
        }
        return bits
    }

    /// The inverse of `bits(of:)`; a short last byte is padded with clear bits.
    static func bytes(of bits: [Bool]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit {
            bytes[index / 8] |= 1 << UInt8(index % 8)
        }
        return bytes
    }
}

extension ArraySlice where Element == UInt8 {
    /// The byte `offset` places after `startIndex`: slices keep their parent's
    /// indices, so codecs never index a slice from 0.
    func frameByte(at offset: Int) -> UInt8 {
        self[startIndex + offset]
    }

    /// The first `count` bytes (relative to `startIndex`).
    func framePrefix(_ count: Int) -> ArraySlice<UInt8> {
        self[startIndex..<(startIndex + count)]
    }
}
