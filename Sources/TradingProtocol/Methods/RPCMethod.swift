import WireFormat

/// A method with its request and response types, so stubs and handlers are type-checked.
public struct RPCMethod<Request: ProtoMessage, Response: ProtoMessage>: Sendable {
    /// The untyped description shared with routers and the RBAC policy.
    public let descriptor: ServiceMethod

    public init(service: String, method: String, kind: ServiceMethod.Kind, access: MethodAccess) {
        descriptor = ServiceMethod(service: service, method: method, kind: kind, access: access,
                                   requestType: Request.self, responseType: Response.self)
    }

    public var path: String { descriptor.path }
}
