import Persistence
import RPCCore
import Security
import Testing
@testable import TradingServices
import TradingProtocol

/// The interceptor on its own (no transport): rate limits, the journaled permission denials with
/// flood control, and the principal handed to handlers. Time comes from a manual clock.
@Suite("Auth interceptor", .serialized)
struct AuthInterceptorTests {
    struct Fixture {
        let dir = ScratchDirectory("interceptor")
        let clock: ManualClock
        let runtime: ServerRuntime
        let component: IdentityComponent

        init(rules: [Permission: RateLimitRule] = RateLimitRule.defaultRPCRules) throws {
            clock = ManualClock(UnixTime(nanoseconds: TradebotServer.wallClockNanoseconds()))
            var options = quickIdentityOptions(clock: clock)
            options.rpcRateLimits = rules
            runtime = try makeRuntime(directory: dir.path)
            component = try IdentityComponent(runtime: runtime, options: options)
            for (name, role) in [("olga", Role.observer), ("tess", Role.trader)] {
                try component.identity.mutate { (_) throws(RPCError) in
                    ([.userCreated(.init(username: name, role: role.rawValue, passwordHash: "unused", actor: "test", source: "local"))], ())
                }
            }
        }

        func context(_ method: ServiceMethod, token: String?) -> ServerContext {
            var metadata = Metadata()
            if let token { metadata.add("authorization", "Bearer \(token)") }
            return ServerContext(method: method.rpc, metadata: metadata, deadline: nil, peer: "10.1.2.3:40000")
        }

        func close() {
            runtime.store.close()
            dir.remove()
        }
    }

    static func status(_ body: () throws(RPCError) -> Void) -> RPCError? {
        do throws(RPCError) { try body(); return nil } catch { return error }
    }

    @Test("An allowed call carries the principal for the handler")
    func principalInContext() throws {
        let f = try Fixture()
        defer { f.close() }
        let token = try f.component.issuer.issue(subject: "tess", role: .trader).token
        let context = f.context(TradebotV1.Orders.submitOrder.descriptor, token: token)
        try f.component.interceptor.intercept(context)
        #expect(context.caller?.subject == "tess")
        #expect(context.caller?.role == .trader)
    }

    @Test("Exceeding a principal's bucket is RESOURCE_EXHAUSTED with a retry hint, and time refills it")
    func rateLimit() throws {
        let f = try Fixture(rules: [.read: RateLimitRule(capacity: 3, refillPerSecond: 1)])
        defer { f.close() }
        let token = try f.component.issuer.issue(subject: "olga", role: .observer).token
        let method = TradebotV1.Orders.listOrders.descriptor
        for _ in 0..<3 { try f.component.interceptor.intercept(f.context(method, token: token)) }
        let limited = Self.status { () throws(RPCError) in try f.component.interceptor.intercept(f.context(method, token: token)) }
        #expect(limited?.code == .resourceExhausted)
        #expect(limited?.message.contains("retry after 1000 ms") == true)
        #expect(limited?.metadata["grpc-retry-pushback-ms"] == "1000")
        f.clock.advance(by: .seconds(1))
        try f.component.interceptor.intercept(f.context(method, token: token))
    }

    @Test("Permission denials are journaled with actor, method and source, at a bounded rate")
    func denialsJournaled() async throws {
        let f = try Fixture()
        defer { f.close() }
        let token = try f.component.issuer.issue(subject: "olga", role: .observer).token
        let method = TradebotV1.Orders.submitOrder.descriptor
        for _ in 0..<50 {
            let error = Self.status { () throws(RPCError) in try f.component.interceptor.intercept(f.context(method, token: token)) }
            #expect(error?.code == .permissionDenied)
        }
        f.clock.advance(by: .seconds(5))
        _ = Self.status { () throws(RPCError) in try f.component.interceptor.intercept(f.context(method, token: token)) }
        try await f.runtime.store.committed(through: f.runtime.store.lastAssignedSequence)
        var denials: [IdentityEvent.PermissionDenied] = []
        _ = try f.runtime.store.replay(after: 0) { event in
            if case .identity(.permissionDenied(let d)) = event.event { denials.append(d) }
        }
        // A burst of 10 is journaled, the next 40 are counted, and the one after the pause reports them.
        #expect(denials.count == 11)
        #expect(denials.first?.actor == "olga")
        #expect(denials.first?.method == method.path)
        #expect(denials.first?.source == "10.1.2.3")
        #expect(denials.last?.suppressed == 40)
    }

    @Test("Tokens of a user whose role changed are refused even if the signature is valid")
    func staleRole() throws {
        let f = try Fixture()
        defer { f.close() }
        let stale = try f.component.issuer.issue(subject: "olga", role: .admin).token
        let error = Self.status { () throws(RPCError) in
            try f.component.interceptor.intercept(f.context(TradebotV1.Auth.whoAmI.descriptor, token: stale))
        }
        #expect(error?.code == .unauthenticated)
        let unknown = try f.component.issuer.issue(subject: "nobody", role: .admin).token
        #expect(Self.status { () throws(RPCError) in
            try f.component.interceptor.intercept(f.context(TradebotV1.Auth.whoAmI.descriptor, token: unknown))
        }?.code == .unauthenticated)
    }

    @Test("Methods without a policy entry are denied by default")
    func defaultDeny() throws {
        let f = try Fixture()
        defer { f.close() }
        let token = try f.component.issuer.issue(subject: "tess", role: .trader).token
        let unknown = ServiceMethod(service: "tradebot.v1.Orders", method: "Unlisted", kind: .unary, access: .observer,
                                    requestType: TradebotV1.WhoAmIRequest.self, responseType: TradebotV1.WhoAmIResponse.self)
        #expect(Self.status { () throws(RPCError) in try f.component.interceptor.intercept(f.context(unknown, token: token)) }?.code
                == .permissionDenied)
        #expect(Self.status { () throws(RPCError) in try f.component.interceptor.intercept(f.context(unknown, token: nil)) }?.code
                == .unauthenticated)
    }
}
