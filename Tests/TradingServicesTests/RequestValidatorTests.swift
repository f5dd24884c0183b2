import HTTP2Transport
import RPCCore
import Synchronization
import Testing
@testable import TradingServices
import TradingProtocol
import WireFormat

/// Request validation (issue 6): one rule per API method, INVALID_ARGUMENT naming the field, run
/// before the handler for every route the composer registers.
@Suite("Request validation")
struct RequestValidatorTests {
    typealias V1 = TradebotV1

    @Test("Every method of the API has a validation rule, and every rule names a method of the API")
    func coverage() {
        let validator = RequestValidator.standard
        #expect(validator.methodsWithoutRule(TradingAPI.allMethods).isEmpty)
        #expect(Set(validator.rules.keys) == Set(TradingAPI.allMethods.map(\.path)))
        let extra = ServiceMethod(service: "tradebot.v1.Orders", method: "NewRpc", kind: .unary, access: .trader,
                                  requestType: V1.GetStatusRequest.self, responseType: V1.GetStatusRequest.self)
        #expect(validator.methodsWithoutRule([extra]) == [extra])
    }

    static func order(_ edit: (inout V1.SubmitOrderRequest) -> Void = { _ in }) -> [UInt8] {
        var r = V1.SubmitOrderRequest()
        r.clientOrderID = "c-1"
        r.symbol = "AAPL"
        r.side = .buy
        r.type = .limit
        r.quantity = "10"
        r.limitPrice = "187.25"
        edit(&r)
        return r.wireBytes()
    }

    static func signal(_ edit: (inout V1.SubmitSignalRequest) -> Void) -> [UInt8] {
        var r = V1.SubmitSignalRequest()
        r.strategyID = "s1"
        r.symbol = "EUR/USD"
        r.direction = .long
        r.size = .riskFraction("0.01")
        edit(&r)
        return r.wireBytes()
    }

    /// One request for the argument tables, shown by method and field instead of its bytes.
    struct Case: Sendable, CustomTestStringConvertible {
        let method: ServiceMethod
        let bytes: [UInt8]
        let field: String
        var testDescription: String { field.isEmpty ? method.path : "\(method.path) \(field)" }
    }

    /// (method, request, the field the message must start with).
    static let invalidRequests: [(ServiceMethod, [UInt8], String)] = [
        (V1.Orders.submitOrder.descriptor, order { $0.symbol = "" }, "symbol"),
        (V1.Orders.submitOrder.descriptor, order { $0.symbol = String(repeating: "A", count: 33) }, "symbol"),
        (V1.Orders.submitOrder.descriptor, order { $0.symbol = "AA PL" }, "symbol"),
        (V1.Orders.submitOrder.descriptor, order { $0.side = .unspecified }, "side"),
        (V1.Orders.submitOrder.descriptor, order { $0.side = .unrecognized(7) }, "side"),
        (V1.Orders.submitOrder.descriptor, order { $0.type = .unspecified }, "type"),
        (V1.Orders.submitOrder.descriptor, order { $0.quantity = "" }, "quantity"),
        (V1.Orders.submitOrder.descriptor, order { $0.quantity = "1e3" }, "quantity"),
        (V1.Orders.submitOrder.descriptor, order { $0.quantity = "-5" }, "quantity"),
        (V1.Orders.submitOrder.descriptor, order { $0.quantity = "0" }, "quantity"),
        (V1.Orders.submitOrder.descriptor, order { $0.limitPrice = "" }, "limit_price"),
        (V1.Orders.submitOrder.descriptor, order { $0.limitPrice = "NaN" }, "limit_price"),
        (V1.Orders.submitOrder.descriptor, order { $0.type = .stop; $0.limitPrice = "" }, "stop_price"),
        (V1.Orders.submitOrder.descriptor, order { $0.type = .trailingStop; $0.limitPrice = "" }, "trailing_stop_distance"),
        (V1.Orders.submitOrder.descriptor, order { $0.timeInForce = .unrecognized(99) }, "time_in_force"),
        (V1.Orders.submitOrder.descriptor, order { $0.clientOrderID = String(repeating: "x", count: 65) }, "client_order_id"),
        (V1.Orders.submitOrder.descriptor, order { $0.strategyID = "a\u{7}b" }, "strategy_id"),
        (V1.Orders.cancelOrder.descriptor, V1.CancelOrderRequest().wireBytes(), "order_id"),
        (V1.Orders.getOrder.descriptor, { var r = V1.GetOrderRequest(); r.target = .clientOrderID(""); return r.wireBytes() }(), "client_order_id"),
        (V1.Orders.replaceOrder.descriptor, { var r = V1.ReplaceOrderRequest(); r.target = .orderID("o1"); r.limitPrice = "1.2.3"; return r.wireBytes() }(), "limit_price"),
        (V1.Orders.listOrders.descriptor, { var r = V1.ListOrdersRequest(); r.pageSize = 1001; return r.wireBytes() }(), "page_size"),
        (V1.Orders.listOrders.descriptor, { var r = V1.ListOrdersRequest(); r.pageSize = -1; return r.wireBytes() }(), "page_size"),
        (V1.Orders.listOrders.descriptor, { var r = V1.ListOrdersRequest(); r.statuses = [.filled, .unspecified]; return r.wireBytes() }(), "statuses[1]"),
        (V1.Orders.subscribeOrders.descriptor, { var r = V1.SubscribeOrdersRequest(); r.symbols = Array(repeating: "A", count: 257); return r.wireBytes() }(), "symbols"),
        (V1.MarketData.subscribeQuotes.descriptor, { var r = V1.SubscribeQuotesRequest(); r.symbols = ["AAPL", ""]; return r.wireBytes() }(), "symbols[1]"),
        (V1.MarketData.getQuote.descriptor, V1.GetQuoteRequest().wireBytes(), "symbol"),
        (V1.Strategies.submitSignal.descriptor, signal { $0.direction = .unspecified }, "direction"),
        (V1.Strategies.submitSignal.descriptor, signal { $0.size = .riskFraction("1.5") }, "risk_fraction"),
        (V1.Strategies.submitSignal.descriptor, signal { $0.strategyID = "" }, "strategy_id"),
        (V1.Strategies.startStrategy.descriptor, V1.StartStrategyRequest().wireBytes(), "strategy_id"),
        (V1.Risk.halt.descriptor, V1.HaltRequest().wireBytes(), "reason"),
        (V1.Risk.updateRiskLimits.descriptor, V1.UpdateRiskLimitsRequest().wireBytes(), "limits"),
        (V1.Risk.updateRiskLimits.descriptor, { var r = V1.UpdateRiskLimitsRequest(); var l = V1.RiskLimits(); l.maxOrderQuantity = "-1"; r.limits = l; return r.wireBytes() }(), "limits.max_order_quantity"),
        (V1.Admin.createUser.descriptor, { var r = V1.CreateUserRequest(); r.username = "Bob"; r.role = .trader; return r.wireBytes() }(), "username"),
        (V1.Admin.createApiToken.descriptor, { var r = V1.CreateApiTokenRequest(); r.name = "feed"; return r.wireBytes() }(), "role"),
        (V1.Admin.exportAudit.descriptor, { var r = V1.ExportAuditRequest(); r.day = "2026-13-01"; return r.wireBytes() }(), "day"),
        (V1.Admin.updateConfig.descriptor, V1.UpdateConfigRequest().wireBytes(), "document"),
        (V1.Admin.listConfigVersions.descriptor, { var r = V1.ListConfigVersionsRequest(); r.limit = 5000; return r.wireBytes() }(), "limit"),
        (V1.Auth.login.descriptor, V1.LoginRequest().wireBytes(), "username"),
        (V1.Auth.refresh.descriptor, { var r = V1.RefreshRequest(); r.refreshToken = String(repeating: "t", count: 600); return r.wireBytes() }(), "refresh_token"),
    ]

    static let invalid = invalidRequests.map { Case(method: $0.0, bytes: $0.1, field: $0.2) }

    @Test("An invalid request is INVALID_ARGUMENT and the message names the field", arguments: invalid)
    func refusesInvalid(_ request: Case) {
        do throws(RPCError) {
            try RequestValidator.standard.validate(path: request.method.path, request: request.bytes)
            Issue.record("\(request.method.path) accepted a request with a bad \(request.field)")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.hasPrefix(request.field + ":"), "\(error.message)")
        }
    }

    static let validRequests: [(ServiceMethod, [UInt8])] = [
        (V1.Orders.submitOrder.descriptor, order()),
        (V1.Orders.submitOrder.descriptor, order { $0.type = .market; $0.limitPrice = ""; $0.timeInForce = .ioc }),
        (V1.Orders.submitOrder.descriptor, order { $0.type = .stopLimit; $0.stopPrice = "180"; $0.clientOrderID = "" }),
        (V1.Orders.listOrders.descriptor, V1.ListOrdersRequest().wireBytes()),
        (V1.Orders.getOrder.descriptor, { var r = V1.GetOrderRequest(); r.target = .orderID("o-42"); return r.wireBytes() }()),
        (V1.Strategies.submitSignal.descriptor, signal { _ in }),
        (V1.Strategies.submitSignal.descriptor, signal { $0.size = .quantity("0.5"); $0.direction = .flat }),
        (V1.Admin.exportAudit.descriptor, V1.ExportAuditRequest().wireBytes()),
        (V1.Admin.exportAudit.descriptor, { var r = V1.ExportAuditRequest(); r.day = "2026-11-24"; return r.wireBytes() }()),
        (V1.System.getStatus.descriptor, []),
        (GRPCHealthV1.Health.check.descriptor, []),
    ]

    static let valid = validRequests.map { Case(method: $0.0, bytes: $0.1, field: "") }

    @Test("A valid request passes", arguments: valid)
    func acceptsValid(_ request: Case) throws {
        try RequestValidator.standard.validate(path: request.method.path, request: request.bytes)
    }

    @Test("Bytes that do not decode are INTERNAL, as RPCCore's typed registration answers")
    func undecodable() {
        let error = #expect(throws: RPCError.self) {
            try RequestValidator.standard.validate(path: V1.Orders.submitOrder.path, request: [0xFF])
        }
        #expect(error?.code == .internal)
    }

    @Test("Through the real transport the handler never runs for an invalid request, and does for a valid one")
    func beforeHandler() async throws {
        let calls = Atomic<Int>(0)
        var router = RPCRouter()
        router.register(V1.Orders.submitOrder.descriptor.rpc, handler: .unary { _, _ in
            calls.add(1, ordering: .relaxed)
            return []
        })
        let testOnly = MethodDescriptor(service: "test.Echo", method: "Echo", kind: .unary)
        router.register(testOnly, handler: .inlineUnary { bytes, _ in bytes })
        router = RequestValidator.standard.applied(to: router)
        #expect(router.routes.count == 2)

        let paths = IdentityTestCertificate.paths
        var config = HTTP2ServerConfiguration(host: "127.0.0.1", port: 0,
                                              tls: .init(certificateChainFile: paths.cert, privateKeyFile: paths.key))
        config.eventLoopCount = 1
        let server = try HTTP2Server(configuration: config, router: router, getRoutes: [:])
        try await server.start()
        let connection = try await connectClient(port: server.port, certificate: paths.cert)
        let client = RPCClient(transport: connection)

        var bad = V1.SubmitOrderRequest()
        bad.symbol = "AAPL"
        bad.side = .sell
        bad.type = .market
        bad.quantity = "12,5"
        do throws(RPCError) {
            let _: EmptyMessage = try await client.unary(V1.Orders.submitOrder.descriptor.rpc, request: bad, options: bearer(nil))
            Issue.record("an invalid order reached OK")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.hasPrefix("quantity:"))
        }
        #expect(calls.load(ordering: .relaxed) == 0)

        bad.quantity = "12.5"
        let _: EmptyMessage = try await client.unary(V1.Orders.submitOrder.descriptor.rpc, request: bad, options: bearer(nil))
        #expect(calls.load(ordering: .relaxed) == 1)
        // A route outside the API keeps its handler untouched.
        let _: EmptyMessage = try await client.unary(testOnly, request: EmptyMessage(), options: bearer(nil))

        await connection.close()
        await server.shutdown(gracePeriod: .seconds(2))
    }
}
