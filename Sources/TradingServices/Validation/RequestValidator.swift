import RPCCore
import TradingProtocol

/// Request validation in one place, before any handler runs: a table from `:path` to the rule
/// for that method's request.
///
/// RPCCore's interceptors see only metadata, so validation wraps the routes instead:
/// `applied(to:)` returns a copy of a router whose handlers first decode the request bytes and run
/// the method's rule, then hand the same bytes to the registered handler. The composer
/// (`TradebotServer`) applies it once after every component has registered, so a component gets
/// validation for its methods without doing anything; RPCCore stays generic. Interceptors (auth,
/// RBAC, rate limits) still run first, so an unauthenticated caller learns nothing from
/// validation messages.
public struct RequestValidator: Sendable {
    /// Rules by `:path`.
    public let rules: [String: RequestRule]

    public init(rules: [String: RequestRule]) { self.rules = rules }

    /// The methods in `methods` that have no rule; `TradingAPI.allMethods` must give none.
    public func methodsWithoutRule(_ methods: [ServiceMethod]) -> [ServiceMethod] {
        methods.filter { rules[$0.path] == nil }
    }

    /// Runs the rule for `path` (nothing for a path with no rule).
    public func validate(path: String, request: [UInt8]) throws(RPCError) {
        try rules[path]?.validate(request)
    }

    /// A copy of `router` where every route with a rule validates its request first. Routes
    /// without a rule (test-only methods) and the interceptors are kept as they are.
    public func applied(to router: RPCRouter) -> RPCRouter {
        var validated = RPCRouter()
        for interceptor in router.interceptors { validated.addInterceptor(interceptor) }
        for route in router.routes.values {
            guard let rule = rules[route.descriptor.fullPath] else {
                validated.register(route.descriptor, handler: route.handler)
                continue
            }
            validated.register(route.descriptor, handler: Self.wrap(route.handler, rule))
        }
        return validated
    }

    static func wrap(_ handler: RPCHandler, _ rule: RequestRule) -> RPCHandler {
        switch handler {
        case .inlineUnary(let body):
            return .inlineUnary { (bytes, context) throws(RPCError) -> [UInt8] in
                try rule.validate(bytes)
                return try body(bytes, context)
            }
        case .unary(let body):
            return .unary { bytes, context in
                try rule.validate(bytes)
                return try await body(bytes, context)
            }
        case .loopUnary(let body):
            // Validation only decodes and checks the bytes: it never blocks, so the kind stays.
            return .loopUnary { bytes, context in
                try rule.validate(bytes)
                return try await body(bytes, context)
            }
        case .serverStreaming(let body):
            return .serverStreaming { bytes, context, writer in
                try rule.validate(bytes)
                try await body(bytes, context, writer)
            }
        }
    }
}
