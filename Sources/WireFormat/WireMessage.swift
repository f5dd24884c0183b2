/// A value with a protobuf (proto3) wire encoding, written by hand.
///
/// This is the contract between the codec (`WireFormat`, `TradingProtocol`) and the RPC layer
/// (`RPCCore`): the RPC layer moves bytes and calls these two requirements, nothing else.
public protocol WireMessage: Sendable {
    /// Decodes a message from its wire bytes. Unknown fields are kept for re-encoding.
    init(wireBytes bytes: UnsafeRawBufferPointer) throws(WireDecodingError)
    /// Appends the message's wire bytes (fields in field-number order, proto3 defaults omitted).
    func encode(to encoder: inout WireEncoder)
}

extension WireMessage {
    /// Decodes a message from a byte array.
    public init(wireBytes bytes: [UInt8]) throws(WireDecodingError) {
        let result: Result<Self, WireDecodingError> = bytes.withUnsafeBytes { raw in
            do throws(WireDecodingError) { return .success(try Self(wireBytes: raw)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// The message's wire bytes.
    public func wireBytes() -> [UInt8] {
        var encoder = WireEncoder()
        encode(to: &encoder)
        return encoder.bytes
    }
}
