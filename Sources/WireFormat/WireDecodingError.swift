/// Why a byte string is not a valid encoding of the expected message.
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
    /// Nested messages deeper than the decoder's recursion limit.
    case recursionLimitExceeded
    /// A semantically invalid value (for example a malformed decimal string), with the field name.
    case invalidValue(field: String, reason: String)
}
