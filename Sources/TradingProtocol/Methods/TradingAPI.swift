import WireFormat

/// The whole API surface: every service and every method the server exposes.
///
/// The RBAC matrix test and the router are built from `allMethods`, so adding a method to a
/// service's `methods` list is all it takes for those to see it.
public enum TradingAPI {
    /// Fully-qualified service names with their methods, in schema order.
    public static let services: [(name: String, methods: [ServiceMethod])] = [
        (TradebotV1.Auth.serviceName, TradebotV1.Auth.methods),
        (TradebotV1.Orders.serviceName, TradebotV1.Orders.methods),
        (TradebotV1.Portfolio.serviceName, TradebotV1.Portfolio.methods),
        (TradebotV1.Risk.serviceName, TradebotV1.Risk.methods),
        (TradebotV1.MarketData.serviceName, TradebotV1.MarketData.methods),
        (TradebotV1.Strategies.serviceName, TradebotV1.Strategies.methods),
        (TradebotV1.Admin.serviceName, TradebotV1.Admin.methods),
        (TradebotV1.System.serviceName, TradebotV1.System.methods),
        (GRPCHealthV1.Health.serviceName, GRPCHealthV1.Health.methods),
    ]

    /// Every method of every service.
    public static let allMethods: [ServiceMethod] = services.flatMap(\.methods)

    /// Looks a method up by its HTTP/2 `:path`.
    public static func method(forPath path: String) -> ServiceMethod? {
        allMethods.first { $0.path == path }
    }
}
