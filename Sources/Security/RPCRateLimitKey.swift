/// The key of the per-principal RPC limiter: who, and which class of RPC.
public struct RPCRateLimitKey: Hashable, Sendable {
    public let subject: String
    public let permissionClass: Permission

    public init(subject: String, permissionClass: Permission) {
        self.subject = subject
        self.permissionClass = permissionClass
    }

    /// Hashes the permission by its position, not its raw string: this runs on every RPC, and
    /// hashing `"manageStrategies"` cost as much as the rest of the bucket lookup.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(subject)
        hasher.combine(permissionClass.hashOrdinal)
    }
}

extension Permission {
    /// A small distinct number per case (exhaustive, so a new case must be given one).
    var hashOrdinal: Int {
        switch self {
        case .read: 0
        case .subscribe: 1
        case .trade: 2
        case .manageStrategies: 3
        case .manageUsers: 4
        case .manageRisk: 5
        case .operate: 6
        }
    }
}
