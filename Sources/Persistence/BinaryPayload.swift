/// The compact binary payload format: journal payload version 2 and the snapshot sections.
///
/// A self-describing tagged encoding of Codable values, so any `Codable` event type (including
/// cases added later) encodes without a hand-written codec, old readers skip what they do not
/// know, and missing optional fields decode as nil:
///
/// ```
/// value   := tag payload
/// nil/false/true   : tag only            int  : zigzag varint      uint : varint
/// double/float     : IEEE bits, LE       string : varint length, UTF-8
/// keyed   : u32 LE byte length, then entries (varint key length, UTF-8 key, value)
/// unkeyed : u32 LE byte length, u32 LE element count, then values
/// bytes   : varint length, raw bytes (a `[UInt8]` value, instead of one element per byte)
/// ```
///
/// Deterministic: keys in `encode(to:)` order, dictionaries sorted by key.
public enum BinaryPayload {
    enum Tag: UInt8 {
        case `nil` = 0, `false` = 1, `true` = 2, int = 3, uint = 4, double = 5, float = 6, string = 7
        case keyed = 8, unkeyed = 9, bytes = 10
    }
}

/// Why a value could not be encoded or decoded in the binary payload format.
public enum BinaryPayloadError: Error, Sendable, CustomStringConvertible {
    /// The value's Codable implementation uses a feature the format does not have.
    case unsupported(String)
    /// The bytes are not a valid encoding of the expected type.
    case corrupt(offset: Int, String)

    public var description: String {
        switch self {
        case .unsupported(let reason): "binary payload: unsupported: \(reason)"
        case .corrupt(let offset, let reason): "binary payload: corrupt at byte \(offset): \(reason)"
        }
    }
}
