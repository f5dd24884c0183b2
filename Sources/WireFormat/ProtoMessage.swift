/// A hand-written proto3 message: decoded field by field, with unknown fields kept.
///
/// Conformers implement `decodeField` as a `switch` on the field number (sending every other
/// field to `decoder.skipField(_:into: &unknownFields)`) and `encode(to:)` writing fields in
/// field-number order followed by `unknownFields`. Everything else (decoding from bytes, merging,
/// recursion limits) is shared here so that each message file stays small.
public protocol ProtoMessage: WireMessage, Equatable {
    /// The fully-qualified protobuf name, e.g. `tradebot.v1.Order`.
    static var protoMessageName: String { get }
    /// An instance with every field at its proto3 default.
    init()
    /// Reads the payload of one field whose key has just been read.
    mutating func decodeField(_ tag: WireTag, from decoder: inout WireDecoder) throws(WireDecodingError)
    /// Fields this build did not recognise, re-emitted on encode.
    var unknownFields: UnknownFields { get set }
    /// Reads every remaining field of `decoder` into `self` (later values win; messages merge).
    /// The default calls `decodeField` per field; a hot message implements it itself with its
    /// field switch inlined, which keeps the decoder in registers.
    mutating func merge(from decoder: inout WireDecoder) throws(WireDecodingError)
}

extension ProtoMessage {
    /// Decodes a message from its wire bytes with the default recursion limit.
    @inlinable
    public init(wireBytes bytes: UnsafeRawBufferPointer) throws(WireDecodingError) {
        self.init()
        var decoder = WireDecoder(bytes)
        try merge(from: &decoder)
    }

    /// Decodes a message with an explicit nesting limit.
    @inlinable
    public init(wireBytes bytes: UnsafeRawBufferPointer, recursionLimit: Int) throws(WireDecodingError) {
        self.init()
        var decoder = WireDecoder(bytes, recursionLimit: recursionLimit)
        try merge(from: &decoder)
    }

    /// Reads every remaining field of `decoder` into `self` (later values win; messages merge).
    @inlinable
    public mutating func merge(from decoder: inout WireDecoder) throws(WireDecodingError) {
        while let tag = try decoder.nextTag() {
            try decodeField(tag, from: &decoder)
        }
    }
}
