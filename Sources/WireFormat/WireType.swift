/// The low three bits of a protobuf tag: how the field's payload is laid out.
public enum WireType: UInt8, Sendable {
    /// Base-128 varint: int32/64, uint32/64, sint32/64, bool, enum.
    case varint = 0
    /// Eight little-endian bytes: fixed64, sfixed64, double.
    case fixed64 = 1
    /// A varint length then that many bytes: string, bytes, messages, packed repeated scalars.
    case lengthDelimited = 2
    /// Deprecated proto2 group start; only ever skipped.
    case startGroup = 3
    /// Deprecated proto2 group end; only ever skipped.
    case endGroup = 4
    /// Four little-endian bytes: fixed32, sfixed32, float.
    case fixed32 = 5
}

/// A decoded field key: field number and wire type.
public struct WireTag: Sendable, Equatable {
    /// The field number, 1 ... 2^29-1.
    public let fieldNumber: Int
    /// How the payload that follows is laid out.
    public let wireType: WireType

    @inlinable
    public init(fieldNumber: Int, wireType: WireType) {
        self.fieldNumber = fieldNumber
        self.wireType = wireType
    }

    /// The largest field number protobuf allows.
    public static let maxFieldNumber = (1 << 29) - 1
}
