import RPCCore
import WireFormat

/// One RPC of the API, untyped: what a router, an RBAC policy or docs need to know about it.
///
/// It wraps RPCCore's `MethodDescriptor` (what the transport routes on) and adds the message types
/// and the documented access level. Equality and hashing use `path` alone, which is unique.
public struct ServiceMethod: Sendable, Hashable, CustomStringConvertible {
    /// Whether the method answers once or streams responses (RPCCore's kind).
    public typealias Kind = MethodDescriptor.Kind

    /// The descriptor RPCCore's router and client take.
    public let rpc: MethodDescriptor
    /// Fully-qualified service name, e.g. `tradebot.v1.Orders`.
    public var service: String { rpc.service }
    /// Method name, e.g. `SubmitOrder`.
    public var method: String { rpc.method }
    /// The HTTP/2 `:path`, e.g. `/tradebot.v1.Orders/SubmitOrder` (case-sensitive).
    public let path: String
    public var kind: Kind { rpc.kind }
    /// The least privilege the schema documents for this method (Protocol/README.md). The
    /// security layer owns the enforced policy; this is the contract it is tested against.
    public let access: MethodAccess
    public let requestType: any ProtoMessage.Type
    public let responseType: any ProtoMessage.Type

    public init(service: String, method: String, kind: Kind, access: MethodAccess,
                requestType: any ProtoMessage.Type, responseType: any ProtoMessage.Type) {
        self.rpc = MethodDescriptor(service: service, method: method, kind: kind)
        self.path = rpc.fullPath
        self.access = access
        self.requestType = requestType
        self.responseType = responseType
    }

    public static func == (lhs: ServiceMethod, rhs: ServiceMethod) -> Bool { lhs.path == rhs.path }
    public func hash(into hasher: inout Hasher) { hasher.combine(path) }
    public var description: String { path }
}

/// Who may call a method, lowest to highest: each level includes the ones before it.
public enum MethodAccess: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// No token needed (health checks, Login, Refresh).
    case anonymous
    /// Any valid token, whatever its role (Logout, WhoAmI).
    case authenticated
    /// Read-only: get, list, subscribe.
    case observer
    /// Observer plus order entry, signals, strategy start/stop.
    case trader
    /// Everything: users, tokens, risk limits, halt/resume, config, backups, audit.
    case admin

    public static func < (lhs: MethodAccess, rhs: MethodAccess) -> Bool { lhs.rawValue < rhs.rawValue }
}
