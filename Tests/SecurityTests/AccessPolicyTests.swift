import Testing
@testable import Security

/// Who may call what, written out independently of `Role.permissions` so the matrix test
/// checks the implementation against the specification of issue 6, not against itself.
enum Audience: Sendable { case anyone, anyRole, observer, trader, admin }

let specification: [(String, Audience)] = [
    ("/grpc.health.v1.Health/Check", .anyone), ("/grpc.health.v1.Health/Watch", .anyone),
    ("/tradebot.v1.Auth/Login", .anyone), ("/tradebot.v1.Auth/Refresh", .anyone),
    ("/tradebot.v1.Auth/Logout", .anyRole), ("/tradebot.v1.Auth/WhoAmI", .anyRole),
    ("/tradebot.v1.Orders/SubmitOrder", .trader), ("/tradebot.v1.Orders/CancelOrder", .trader),
    ("/tradebot.v1.Orders/ReplaceOrder", .trader), ("/tradebot.v1.Orders/GetOrder", .observer),
    ("/tradebot.v1.Orders/ListOrders", .observer), ("/tradebot.v1.Orders/SubscribeOrders", .observer),
    ("/tradebot.v1.Orders/SubscribeFills", .observer),
    ("/tradebot.v1.Portfolio/ListPositions", .observer), ("/tradebot.v1.Portfolio/GetPortfolio", .observer),
    ("/tradebot.v1.Portfolio/SubscribePositions", .observer),
    ("/tradebot.v1.Risk/GetRiskLimits", .observer), ("/tradebot.v1.Risk/GetRiskState", .observer),
    ("/tradebot.v1.Risk/SubscribeRiskEvents", .observer), ("/tradebot.v1.Risk/UpdateRiskLimits", .admin),
    ("/tradebot.v1.Risk/Halt", .admin), ("/tradebot.v1.Risk/Resume", .admin),
    ("/tradebot.v1.MarketData/ListInstruments", .observer), ("/tradebot.v1.MarketData/GetQuote", .observer),
    ("/tradebot.v1.MarketData/SubscribeQuotes", .observer),
    ("/tradebot.v1.Strategies/ListStrategies", .observer), ("/tradebot.v1.Strategies/StartStrategy", .trader),
    ("/tradebot.v1.Strategies/StopStrategy", .trader), ("/tradebot.v1.Strategies/SubmitSignal", .trader),
    ("/tradebot.v1.Admin/CreateUser", .admin), ("/tradebot.v1.Admin/ListUsers", .admin),
    ("/tradebot.v1.Admin/SetUserRole", .admin), ("/tradebot.v1.Admin/DisableUser", .admin),
    ("/tradebot.v1.Admin/CreateApiToken", .admin), ("/tradebot.v1.Admin/ListApiTokens", .admin),
    ("/tradebot.v1.Admin/RevokeToken", .admin),
    ("/tradebot.v1.Admin/CreateBackup", .admin), ("/tradebot.v1.Admin/ListBackups", .admin),
    ("/tradebot.v1.Admin/VerifyBackup", .admin), ("/tradebot.v1.Admin/ExportAudit", .admin),
    ("/tradebot.v1.Admin/VerifyAudit", .admin), ("/tradebot.v1.Admin/GetConfig", .admin),
    ("/tradebot.v1.Admin/UpdateConfig", .admin), ("/tradebot.v1.Admin/ListConfigVersions", .admin),
    ("/tradebot.v1.System/GetStatus", .observer),
]

func expectedDecision(_ audience: Audience, _ role: Role?) -> AccessDecision {
    guard let role else { return audience == .anyone ? .allowed : .unauthenticated }
    switch audience {
    case .anyone, .anyRole, .observer: return .allowed
    case .trader: return role == .observer ? .permissionDenied : .allowed
    case .admin: return role == .admin ? .allowed : .permissionDenied
    }
}

func principal(_ role: Role) -> Principal {
    Principal(subject: "u-\(role.rawValue)", role: role, credential: .accessToken(tokenID: "t"),
              validUntil: UnixTime(seconds: 2_000_000_000))
}

@Suite("RBAC policy")
struct AccessPolicyTests {
    @Test("every RPC x {no token, observer, trader, admin} gets the decision of the specification",
          arguments: specification.map(\.0), [nil, .observer, .trader, .admin] as [Role?])
    func matrix(path: String, role: Role?) throws {
        let audience = try #require(specification.first { $0.0 == path }?.1)
        #expect(AccessPolicy.default.decide(path: path, principal: role.map(principal)) == expectedDecision(audience, role))
    }

    @Test("the default policy covers exactly the RPCs of the specification")
    func coverage() throws {
        try AccessPolicy.default.validateCoverage(of: specification.map(\.0))
    }

    @Test("an RPC added without a policy entry is reported as missing and denied")
    func missingEntryDetected() {
        let served = specification.map(\.0) + ["/tradebot.v1.Orders/SubmitBasket"]
        #expect(AccessPolicy.default.missingEntries(for: served) == ["/tradebot.v1.Orders/SubmitBasket"])
        #expect(throws: AccessPolicy.CoverageError(missing: ["/tradebot.v1.Orders/SubmitBasket"], unknown: [])) {
            try AccessPolicy.default.validateCoverage(of: served)
        }
        #expect(AccessPolicy.default.decide(path: "/tradebot.v1.Orders/SubmitBasket", principal: principal(.admin)) == .permissionDenied)
        #expect(AccessPolicy.default.decide(path: "/tradebot.v1.Orders/SubmitBasket", principal: nil) == .unauthenticated)
    }

    @Test("a policy entry for an RPC nobody serves is reported as unknown")
    func staleEntryDetected() {
        let served = specification.map(\.0).filter { $0 != "/tradebot.v1.System/GetStatus" }
        #expect(throws: AccessPolicy.CoverageError(missing: [], unknown: ["/tradebot.v1.System/GetStatus"])) {
            try AccessPolicy.default.validateCoverage(of: served)
        }
    }

    @Test("roles are nested: observer within trader within admin")
    func nestedRoles() {
        #expect(Role.observer.permissions.isSubset(of: Role.trader.permissions))
        #expect(Role.trader.permissions.isSubset(of: Role.admin.permissions))
        #expect(Role.admin.permissions == Set(Permission.allCases))
    }
}
