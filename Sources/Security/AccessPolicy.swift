/// What an RPC path requires of its caller.
public enum AccessRequirement: Sendable, Hashable {
    /// No token needed (health checks, and `Login`/`Refresh`, whose credentials are in the body).
    case unauthenticated
    /// Any valid principal, whatever its role (`WhoAmI`, `Logout`).
    case authenticated
    /// A principal whose role grants this permission.
    case permission(Permission)
}

/// The outcome of an access check; maps 1:1 to gRPC statuses.
public enum AccessDecision: Sendable, Equatable {
    case allowed
    /// No or invalid credentials -> UNAUTHENTICATED.
    case unauthenticated
    /// Valid credentials, insufficient role (or an RPC without a policy entry) -> PERMISSION_DENIED.
    case permissionDenied
}

/// The one table that maps every RPC full path to what it requires.
///
/// Default deny: a path with no entry is never allowed, and `missingEntries(for:)` lets the
/// service layer (which knows every method descriptor) fail its tests or refuse to start when
/// an RPC was added without a policy entry.
public struct AccessPolicy: Sendable {
    /// An RPC path that has no entry, or an entry naming no RPC.
    public struct CoverageError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Served paths with no policy entry (they would always be denied).
        public let missing: [String]
        /// Policy entries for paths nobody serves (typos, removed RPCs).
        public let unknown: [String]
        public var description: String {
            "access policy coverage: missing \(missing), unknown \(unknown)"
        }
    }

    public let entries: [String: AccessRequirement]

    public init(entries: [String: AccessRequirement]) {
        self.entries = entries
    }

    public func requirement(for path: String) -> AccessRequirement? { entries[path] }

    /// Decides a call to `path` by `principal` (nil when no valid credential was presented).
    public func decide(path: String, principal: Principal?) -> AccessDecision {
        decide(requirement: entries[path], principal: principal)
    }

    /// Decides a call whose entry the caller already looked up with `requirement(for:)` (nil: no
    /// entry, denied by default), so the per-RPC path hashes the path once.
    public func decide(requirement: AccessRequirement?, principal: Principal?) -> AccessDecision {
        guard let requirement else {
            return principal == nil ? .unauthenticated : .permissionDenied
        }
        switch requirement {
        case .unauthenticated:
            return .allowed
        case .authenticated:
            return principal == nil ? .unauthenticated : .allowed
        case .permission(let permission):
            guard let principal else { return .unauthenticated }
            return principal.role.permissions.contains(permission) ? .allowed : .permissionDenied
        }
    }

    /// Served paths without an entry, sorted.
    public func missingEntries<Paths: Sequence>(for paths: Paths) -> [String] where Paths.Element == String {
        Set(paths).subtracting(entries.keys).sorted()
    }

    /// Throws unless every served path has an entry and every entry names a served path.
    public func validateCoverage<Paths: Sequence>(of paths: Paths) throws(CoverageError) where Paths.Element == String {
        let served = Set(paths)
        let missing = served.subtracting(entries.keys).sorted()
        let unknown = Set(entries.keys).subtracting(served).sorted()
        guard missing.isEmpty, unknown.isEmpty else { throw CoverageError(missing: missing, unknown: unknown) }
    }
}

extension AccessPolicy {
    /// The product's policy for the RPCs of issue 3 (`Protocol/tradebot/v1`, `grpc.health.v1`).
    ///
    /// observer: read-only (health, status, list/get, subscribe); trader: observer plus
    /// orders, signals, strategies; admin: everything (users, tokens, risk limits,
    /// halt/resume, config, backups, audit).
    public static let `default` = AccessPolicy(entries: defaultEntries)

    static let defaultEntries: [String: AccessRequirement] = {
        var table: [String: AccessRequirement] = [:]
        func add(_ service: String, _ methods: [String], _ requirement: AccessRequirement) {
            for method in methods { table["/\(service)/\(method)"] = requirement }
        }
        add("grpc.health.v1.Health", ["Check", "Watch"], .unauthenticated)
        add("tradebot.v1.Auth", ["Login", "Refresh"], .unauthenticated)
        add("tradebot.v1.Auth", ["Logout", "WhoAmI"], .authenticated)

        add("tradebot.v1.Orders", ["GetOrder", "ListOrders"], .permission(.read))
        add("tradebot.v1.Orders", ["SubscribeOrders", "SubscribeFills"], .permission(.subscribe))
        add("tradebot.v1.Orders", ["SubmitOrder", "CancelOrder", "ReplaceOrder"], .permission(.trade))

        add("tradebot.v1.Portfolio", ["ListPositions", "GetPortfolio"], .permission(.read))
        add("tradebot.v1.Portfolio", ["SubscribePositions"], .permission(.subscribe))

        add("tradebot.v1.Risk", ["GetRiskLimits", "GetRiskState"], .permission(.read))
        add("tradebot.v1.Risk", ["SubscribeRiskEvents"], .permission(.subscribe))
        add("tradebot.v1.Risk", ["UpdateRiskLimits", "Halt", "Resume"], .permission(.manageRisk))

        add("tradebot.v1.MarketData", ["ListInstruments", "GetQuote"], .permission(.read))
        add("tradebot.v1.MarketData", ["SubscribeQuotes"], .permission(.subscribe))

        add("tradebot.v1.Strategies", ["ListStrategies"], .permission(.read))
        add("tradebot.v1.Strategies", ["StartStrategy", "StopStrategy"], .permission(.manageStrategies))
        add("tradebot.v1.Strategies", ["SubmitSignal"], .permission(.trade))

        add("tradebot.v1.Admin", ["CreateUser", "ListUsers", "SetUserRole", "DisableUser",
                                  "CreateApiToken", "ListApiTokens", "RevokeToken"], .permission(.manageUsers))
        add("tradebot.v1.Admin", ["CreateBackup", "ListBackups", "VerifyBackup", "ExportAudit", "VerifyAudit",
                                  "GetConfig", "UpdateConfig", "ListConfigVersions"], .permission(.operate))

        add("tradebot.v1.System", ["GetStatus"], .permission(.read))
        return table
    }()
}
