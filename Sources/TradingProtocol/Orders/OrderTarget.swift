import WireFormat

extension TradebotV1 {
    /// The `oneof target { string order_id = 1; string client_order_id = 2; }` shared by
    /// `CancelOrderRequest`, `ReplaceOrderRequest` and `GetOrderRequest`: an order named by the
    /// server's id or by the caller's idempotency key.
    public enum OrderTarget: Sendable, Hashable {
        case orderID(String)
        case clientOrderID(String)

        /// Decodes field 1 or 2 (the caller routes only those here); the last one read wins.
        @inlinable
        static func decode(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) -> OrderTarget {
            tag.fieldNumber == 1 ? .orderID(try d.decodeString(tag)) : .clientOrderID(try d.decodeString(tag))
        }

        /// Writes the set member even when it is the empty string (oneof presence is explicit).
        @inlinable
        static func encode(_ target: OrderTarget?, to e: inout WireEncoder) {
            switch target {
            case .orderID(let id)?: e.encodeString(1, id, force: true)
            case .clientOrderID(let id)?: e.encodeString(2, id, force: true)
            case nil: break
            }
        }
    }
}
