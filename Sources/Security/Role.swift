/// The three roles of the product. A token carries exactly one.
///
/// Roles are coarse on purpose; what a role may do is decided by `Permission` sets in
/// `AccessPolicy`, so adding an RPC never requires touching role code.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case admin
    case trader
    case observer

    /// The permissions this role grants. Each role includes everything of the role below it.
    /// Static sets: this is read on every RPC, so it must not build a new `Set` each time.
    public var permissions: Set<Permission> {
        switch self {
        case .observer: return Role.observerPermissions
        case .trader: return Role.traderPermissions
        case .admin: return Role.adminPermissions
        }
    }

    private static let observerPermissions: Set<Permission> = [.read, .subscribe]
    private static let traderPermissions: Set<Permission> = observerPermissions.union([.trade, .manageStrategies])
    private static let adminPermissions = Set(Permission.allCases)
}

/// What an RPC requires. Every RPC path maps to exactly one entry (`AccessRequirement`).
///
/// Permissions double as rate-limit classes: `RateLimiter` buckets are keyed by
/// (principal, permission), so a burst of reads never starves order entry.
public enum Permission: String, Sendable, Hashable, CaseIterable, Codable {
    /// Read-only queries: status, list, get.
    case read
    /// Server-streaming subscriptions (long-lived; limited separately).
    case subscribe
    /// Submit, cancel and replace orders; submit signals.
    case trade
    /// Start and stop strategies.
    case manageStrategies
    /// Users, roles, API tokens.
    case manageUsers
    /// Risk limits, halt/resume, configuration.
    case manageRisk
    /// Backups, audit export and verification, configuration versions.
    case operate
}
