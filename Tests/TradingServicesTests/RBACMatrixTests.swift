import HTTP2Transport
import RPCCore
import Security
import Testing
@testable import TradingServices
import TradingProtocol

/// The RBAC matrix of issue 6, end to end: every RPC of `TradingAPI.allMethods` × {no token,
/// observer, trader, admin, expired, revoked}, through the real interceptor and the real HTTP/2 +
/// TLS transport, with a trivial handler behind every method (so it tests access control, not
/// business logic). The expected status comes from the schema's documented `access` level, not
/// from `AccessPolicy`, so the two are checked against each other; an RPC added without a policy
/// entry is denied by default and fails here.
@Suite("RBAC matrix", .serialized)
struct RBACMatrixTests {
    enum Caller: String, CaseIterable, CustomStringConvertible {
        case none, observer, trader, admin, expired, revoked
        var description: String { rawValue }
    }

    /// What the schema says `caller` gets from a method with `access`.
    static func expected(_ access: MethodAccess, _ caller: Caller) -> Status.Code {
        switch caller {
        case .none, .expired, .revoked:
            return access == .anonymous ? .ok : .unauthenticated
        case .observer:
            return access <= .observer ? .ok : .permissionDenied
        case .trader:
            return access <= .trader ? .ok : .permissionDenied
        case .admin:
            return .ok
        }
    }

    @Test("The access policy covers exactly the RPCs of the API")
    func coverage() throws {
        try AccessPolicy.default.validateCoverage(of: TradingAPI.allMethods.map(\.path))
        #expect(AccessPolicy.default.missingEntries(for: ["/tradebot.v1.Orders/NewRpc"]) == ["/tradebot.v1.Orders/NewRpc"])
        #expect(throws: AccessPolicy.CoverageError.self) {
            try AccessPolicy.default.validateCoverage(of: TradingAPI.allMethods.map(\.path) + ["/tradebot.v1.Orders/NewRpc"])
        }
    }

    @Test("Every RPC answers each kind of caller as its documented access level says")
    func matrix() async throws {
        let dir = ScratchDirectory("rbac")
        defer { dir.remove() }
        let clock = ManualClock(UnixTime(seconds: Int64(TradebotServer.wallClockNanoseconds() / 1_000_000_000)))
        var options = quickIdentityOptions(clock: clock)
        // Generous buckets: the matrix makes a few hundred calls in a burst.
        options.rpcRateLimits = Dictionary(uniqueKeysWithValues: Permission.allCases.map {
            ($0, RateLimitRule(capacity: 10_000, refillPerSecond: 1_000))
        })
        let runtime = try makeRuntime(directory: dir.path)
        defer { runtime.store.close() }
        let component = try IdentityComponent(runtime: runtime, options: options)
        for (name, role) in [("olga", Role.observer), ("tess", .trader), ("ada", .admin)] {
            try component.identity.mutate { (_) throws(RPCError) in
                ([.userCreated(.init(username: name, role: role.rawValue, passwordHash: "unused", actor: "test", source: "local"))], ())
            }
        }

        // Expired: issued an hour ago. Revoked: a trader token revoked by id (logout).
        let now = clock.now()
        clock.set(now - .seconds(3600))
        let expired = try component.issuer.issue(subject: "tess", role: .trader).token
        clock.set(now)
        var tokens: [Caller: String] = [:]
        tokens[.observer] = try component.issuer.issue(subject: "olga", role: .observer).token
        tokens[.trader] = try component.issuer.issue(subject: "tess", role: .trader).token
        tokens[.admin] = try component.issuer.issue(subject: "ada", role: .admin).token
        tokens[.expired] = expired
        let revoked = try component.issuer.issue(subject: "tess", role: .trader)
        component.authenticator.revoke(tokenID: revoked.claims.tokenID, expiresAt: revoked.claims.expiresAt)
        tokens[.revoked] = revoked.token

        var router = RPCRouter()
        router.addInterceptor(component.interceptor)
        for method in TradingAPI.allMethods {
            switch method.kind {
            case .unary: router.register(method.rpc, handler: .inlineUnary { _, _ in [] })
            case .serverStreaming: router.register(method.rpc, handler: .serverStreaming { _, _, _ in })
            }
        }
        let paths = IdentityTestCertificate.paths
        var config = HTTP2ServerConfiguration(host: "127.0.0.1", port: 0,
                                              tls: .init(certificateChainFile: paths.cert, privateKeyFile: paths.key))
        config.eventLoopCount = 1
        let server = try HTTP2Server(configuration: config, router: router, getRoutes: [:])
        try await server.start()
        let connection = try await connectClient(port: server.port, certificate: paths.cert)
        let client = RPCClient(transport: connection)

        var mismatches: [String] = []
        var calls = 0
        for method in TradingAPI.allMethods {
            for caller in Caller.allCases {
                let got = await Self.call(client, method, token: tokens[caller])
                let want = Self.expected(method.access, caller)
                calls += 1
                if got != want { mismatches.append("\(method.path) as \(caller): got \(got), want \(want)") }
            }
        }
        await connection.close()
        await server.shutdown(gracePeriod: .seconds(2))
        #expect(calls == TradingAPI.allMethods.count * Caller.allCases.count)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    /// The status of one call: OK, or the code of the RPCError.
    static func call(_ client: RPCClient, _ method: ServiceMethod, token: String?) async -> Status.Code {
        do throws(RPCError) {
            switch method.kind {
            case .unary:
                let _: EmptyMessage = try await client.unary(method.rpc, request: EmptyMessage(), options: bearer(token))
            case .serverStreaming:
                let stream: TypedResponseStream<EmptyMessage> = client.serverStreaming(
                    method.rpc, request: EmptyMessage(), responseType: EmptyMessage.self, options: bearer(token))
                for try await _ in stream {}
            }
            return .ok
        } catch {
            return error.code
        }
    }
}
