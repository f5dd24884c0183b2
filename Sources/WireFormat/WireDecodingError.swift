/// Why a byte string is not a valid encoding of the expected message.
///
/// Every failure of the decoder is one of these cases; the decoder never traps on input.
/// The RPC layer maps any of them to `INVALID_ARGUMENT` (on a server) or `INTERNAL` (on a client).
public enum WireDecodingError: Error, Sendable, Equatable {
    /// The input ended inside a tag, varint, fixed value or length-delimited field.
    case truncated
    /// A varint ran past 10 bytes.
    case overlongVarint
    /// A tag carried a wire type that does not exist or does not fit the field.
    case invalidWireType(field: Int, wireType: Int)
    /// A tag with field number 0 or above 2^29-1.
    case invalidFieldNumber
    /// A length-delimited field claims more bytes than remain.
    case lengthPastEnd
    /// A string field holds bytes that are not UTF-8.
    case invalidUTF8(field: Int)
    /// Nested messages (or groups) deeper than the decoder's recursion limit.
    case recursionLimitExceeded
    /// An end-group tag without a matching start-group tag (or with another field number).
    case unmatchedEndGroup(field: Int)
    /// A semantically invalid value (for example a malformed decimal string), with the field name.
    case invalidValue(field: String, reason: String)
}

extension WireDecodingError: CustomStringConvertible {
    /// A one-line explanation suitable for a `grpc-message`.
    public var description: String {
        switch self {
        case .truncated: return "message truncated"
        case .overlongVarint: return "varint longer than 10 bytes"
        case let .invalidWireType(field, wireType): return "field \(field): wire type \(wireType) not allowed"
        case .invalidFieldNumber: return "invalid field number"
        case .lengthPastEnd: return "length-delimited field runs past the end of the message"
        case let .invalidUTF8(field): return "field \(field): string is not valid UTF-8"
        case .recursionLimitExceeded: return "messages nested deeper than the recursion limit"
        case let .unmatchedEndGroup(field): return "field \(field): end-group tag without a matching start-group tag"
        case let .invalidValue(field, reason): return "\(field): \(reason)"
        }
    }
}
