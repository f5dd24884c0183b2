import Testing
import TradingProtocol
import WireFormat

@Suite("Method descriptors")
struct MethodDescriptorTests {
    /// The RPCs issue 3 requires, by path, with their streaming kind.
    static let requiredMethods: [(String, ServiceMethod.Kind)] = [
        ("/tradebot.v1.Auth/Login", .unary), ("/tradebot.v1.Auth/Refresh", .unary),
        ("/tradebot.v1.Auth/Logout", .unary), ("/tradebot.v1.Auth/WhoAmI", .unary),
        ("/tradebot.v1.Orders/SubmitOrder", .unary), ("/tradebot.v1.Orders/CancelOrder", .unary),
        ("/tradebot.v1.Orders/GetOrder", .unary), ("/tradebot.v1.Orders/ReplaceOrder", .unary),
        ("/tradebot.v1.Orders/ListOrders", .unary), ("/tradebot.v1.Orders/SubscribeOrders", .serverStreaming),
        ("/tradebot.v1.Orders/SubscribeFills", .serverStreaming),
        ("/tradebot.v1.Portfolio/ListPositions", .unary), ("/tradebot.v1.Portfolio/GetPortfolio", .unary),
        ("/tradebot.v1.Portfolio/SubscribePositions", .serverStreaming),
        ("/tradebot.v1.Risk/GetRiskLimits", .unary), ("/tradebot.v1.Risk/UpdateRiskLimits", .unary),
        ("/tradebot.v1.Risk/GetRiskState", .unary), ("/tradebot.v1.Risk/Halt", .unary),
        ("/tradebot.v1.Risk/Resume", .unary), ("/tradebot.v1.Risk/SubscribeRiskEvents", .serverStreaming),
        ("/tradebot.v1.MarketData/ListInstruments", .unary), ("/tradebot.v1.MarketData/GetQuote", .unary),
        ("/tradebot.v1.MarketData/SubscribeQuotes", .serverStreaming),
        ("/tradebot.v1.Strategies/ListStrategies", .unary), ("/tradebot.v1.Strategies/StartStrategy", .unary),
        ("/tradebot.v1.Strategies/StopStrategy", .unary), ("/tradebot.v1.Strategies/SubmitSignal", .unary),
        ("/tradebot.v1.Admin/CreateUser", .unary), ("/tradebot.v1.Admin/ListUsers", .unary),
        ("/tradebot.v1.Admin/SetUserRole", .unary), ("/tradebot.v1.Admin/DisableUser", .unary),
        ("/tradebot.v1.Admin/CreateApiToken", .unary), ("/tradebot.v1.Admin/RevokeToken", .unary),
        ("/tradebot.v1.Admin/CreateBackup", .unary), ("/tradebot.v1.Admin/ListBackups", .unary),
        ("/tradebot.v1.Admin/VerifyBackup", .unary), ("/tradebot.v1.Admin/ExportAudit", .unary),
        ("/tradebot.v1.Admin/VerifyAudit", .unary), ("/tradebot.v1.Admin/GetConfig", .unary),
        ("/tradebot.v1.Admin/UpdateConfig", .unary), ("/tradebot.v1.Admin/ListConfigVersions", .unary),
        ("/tradebot.v1.System/GetStatus", .unary),
        ("/grpc.health.v1.Health/Check", .unary), ("/grpc.health.v1.Health/Watch", .serverStreaming),
    ]

    @Test("every RPC the issue names has a descriptor with the right streaming kind", arguments: requiredMethods)
    func requiredMethodExists(path: String, kind: ServiceMethod.Kind) throws {
        let method = try #require(TradingAPI.method(forPath: path))
        #expect(method.kind == kind)
    }

    @Test("paths are unique and every descriptor is listed under its own service")
    func unique() {
        let paths = TradingAPI.allMethods.map(\.path)
        #expect(Set(paths).count == paths.count)
        for (service, methods) in TradingAPI.services {
            for method in methods {
                #expect(method.service == service)
                #expect(method.path == "/\(service)/\(method.method)")
            }
        }
        #expect(TradingAPI.allMethods.count == 45)
    }

    @Test("the descriptor list matches the services in Protocol/ exactly")
    func matchesSchema() throws {
        let declared = try SchemaScanner.rpcPaths()
        #expect(Set(declared.keys) == Set(TradingAPI.allMethods.map(\.path)))
        for method in TradingAPI.allMethods {
            let schema = try #require(declared[method.path])
            #expect(schema.streaming == (method.kind == .serverStreaming), "\(method.path)")
            #expect(schema.request == method.requestType.protoMessageName, "\(method.path)")
            #expect(schema.response == method.responseType.protoMessageName, "\(method.path)")
        }
    }

    @Test("documented access levels follow the roles of issue 6")
    func access() {
        for method in TradingAPI.allMethods {
            switch method.service {
            case "grpc.health.v1.Health": #expect(method.access == .anonymous)
            case "tradebot.v1.Admin": #expect(method.access == .admin)
            default: break
            }
            if method.kind == .serverStreaming { #expect(method.access <= .observer) }
        }
        #expect(TradebotV1.Auth.login.descriptor.access == .anonymous)
        #expect(TradebotV1.Risk.halt.descriptor.access == .admin)
        #expect(TradebotV1.Orders.submitOrder.descriptor.access == .trader)
    }
}
