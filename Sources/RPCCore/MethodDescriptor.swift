/// Names one RPC method: `/<package>.<Service>/<Method>` on the wire.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The shape of the call. Client streaming is not used by this product.
    public enum Kind: Sendable, Hashable {
        case unary
        case serverStreaming
    }

    /// Fully-qualified service name, e.g. `grpc.health.v1.Health`.
    public let service: String
    /// Method name, e.g. `Check`.
    public let method: String
    public let kind: Kind

    public init(service: String, method: String, kind: Kind) {
        self.service = service
        self.method = method
        self.kind = kind
        fullPath = "/\(service)/\(method)"
    }

    /// The HTTP/2 `:path`, case-sensitive: `/grpc.health.v1.Health/Check`. Stored, because
    /// interceptors read it on every call.
    public let fullPath: String

    public var description: String { fullPath }
}
