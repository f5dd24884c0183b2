/// Strict, unpadded base64 codecs: base64url (RFC 4648 §5) for JWTs and tokens, and the
/// standard alphabet for PHC-style password hash strings.
///
/// Strict on purpose: padding, whitespace, characters of the other alphabet, a length of
/// 1 mod 4 and non-zero trailing bits are all rejected, so every byte string has exactly one
/// accepted encoding (no token malleability, no "same token, different string" cache misses).
public enum Base64URL {
    /// The reason a string was not accepted.
    public enum DecodingError: Error, Sendable, Equatable {
        case invalidCharacter
        case invalidLength
        case nonCanonicalTrailingBits
    }

    static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func table(for alphabet: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = UInt8(index) }
        return table
    }
    static let urlTable = table(for: urlAlphabet)
    static let standardTable = table(for: standardAlphabet)

    /// Encodes `bytes` as base64url without padding.
    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        encode(bytes, alphabet: urlAlphabet)
    }

    /// Decodes unpadded base64url.
    public static func decode<Text: StringProtocol>(_ text: Text) throws(DecodingError) -> [UInt8] {
        try decode(text.utf8, table: urlTable)
    }

    static func encode<Bytes: Collection>(_ bytes: Bytes, alphabet: [UInt8]) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            let b1 = iterator.next()
            let b2 = b1 == nil ? nil : iterator.next()
            let n = UInt32(b0) << 16 | UInt32(b1 ?? 0) << 8 | UInt32(b2 ?? 0)
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            if b1 != nil { out.append(alphabet[Int(n >> 6 & 63)]) }
            if b2 != nil { out.append(alphabet[Int(n & 63)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode<Chars: Collection>(_ chars: Chars, table: [UInt8]) throws(DecodingError) -> [UInt8]
    where Chars.Element == UInt8 {
        let count = chars.count
        var out: [UInt8] = []
        out.reserveCapacity(count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for char in chars {
            let value = table[Int(char)]
            if value == 0xFF { throw .invalidCharacter }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Checked after the characters, so a stray character is reported as such.
        if count % 4 == 1 { throw .invalidLength }
        if accumulator != 0 { throw .nonCanonicalTrailingBits }
        return out
    }
}
