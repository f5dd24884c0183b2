import RPCCore
import WireFormat

/// The validation of one method's request: decodes the bytes into the method's request type and
/// runs the field checks on it.
///
/// Kept type-erased over the raw bytes so a table can hold every method and the router wrapper
/// stays independent of the message types.
public struct RequestRule: Sendable {
    private let check: @Sendable ([UInt8]) throws(RPCError) -> Void

    /// A rule over `Request`: `body` throws INVALID_ARGUMENT naming the field (see `FieldCheck`).
    public static func of<Request: WireMessage>(
        _ type: Request.Type, _ body: @escaping @Sendable (Request) throws(RPCError) -> Void
    ) -> RequestRule {
        RequestRule { (bytes: [UInt8]) throws(RPCError) in
            let request: Request
            do {
                request = try Request(wireBytes: bytes)
            } catch {
                // Same status as RPCCore's typed registration gives a request that does not decode.
                throw RPCError(code: .internal, message: "request message does not decode: \(error)")
            }
            try body(request)
        }
    }

    /// A rule for a request with no fields to check (an empty message must still decode).
    public static func noFields<Request: WireMessage>(_ type: Request.Type) -> RequestRule {
        of(type) { (_: Request) throws(RPCError) in }
    }

    /// Checks one request's bytes.
    public func validate(_ bytes: [UInt8]) throws(RPCError) { try check(bytes) }
}
