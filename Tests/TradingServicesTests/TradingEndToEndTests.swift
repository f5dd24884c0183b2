import Foundation
import RPCCore
import Testing
import TradingModel
import TradingProtocol
@testable import TradingServices

/// End to end through the real transport (TLS, HTTP/2), the engine's sequencer and the store.
@Suite("Trading services end to end", .serialized)
struct TradingEndToEndTests {
    typealias T = TradingTestServer

    @Test("A trader submits, replaces and cancels orders; a retried client order id returns the same order")
    func submitReplaceCancel() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        let first = try await s.orders.submitOrder(T.submit(.buy, "10000", limit: "1.05000", clientOrderID: "c1"))
        let order = try #require(first.order)
        #expect(!first.duplicate)
        #expect(order.symbol == "EURUSD" && order.quantity == "10000" && order.limitPrice == "1.05")
        #expect(order.sequence > 0)

        let again = try await s.orders.submitOrder(T.submit(.buy, "10000", limit: "1.05000", clientOrderID: "c1"))
        #expect(again.duplicate)
        #expect(again.order?.orderID == order.orderID)

        var replace = TradebotV1.ReplaceOrderRequest()
        replace.target = .clientOrderID("c1")
        replace.limitPrice = "1.04000"
        let replaced = try #require(try await s.orders.replaceOrder(replace).order)
        #expect(replaced.orderID != order.orderID)
        #expect(replaced.limitPrice == "1.04")
        try await s.settle()

        var get = TradebotV1.GetOrderRequest()
        get.target = .orderID(order.orderID)
        let old = try #require(try await s.orders.getOrder(get).order)
        #expect(old.status == .cancelled)

        var cancel = TradebotV1.CancelOrderRequest()
        cancel.target = .orderID(replaced.orderID)
        _ = try await s.orders.cancelOrder(cancel)
        try await s.settle()
        get.target = .orderID(replaced.orderID)
        #expect(try await s.orders.getOrder(get).order?.status == .cancelled)

        let cancelAgain = await #expect(throws: RPCError.self) { try await s.orders.cancelOrder(cancel) }
        #expect(cancelAgain?.code == .failedPrecondition)
        get.target = .orderID("O-999")
        let missing = await #expect(throws: RPCError.self) { try await s.orders.getOrder(get) }
        #expect(missing?.code == .notFound)
        let list = try await s.orders.listOrders(TradebotV1.ListOrdersRequest())
        #expect(list.orders.map(\.orderID) == [order.orderID, replaced.orderID])
    }

    @Test("Bad input is INVALID_ARGUMENT naming the field and changes no state", arguments: [
        ("GBPUSD", "10000", "", "symbol"),
        ("EURUSD", "ten", "", "quantity"),
        ("EURUSD", "-1000", "", "quantity"),
        ("EURUSD", "1500", "", "quantity"),
        ("EURUSD", "1000", "1.050001", "limit_price"),
        ("EURUSD", "1000", "1.0x", "limit_price"),
    ])
    func badInput(symbol: String, quantity: String, limit: String, field: String) async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        let before = s.server.runtime.store.lastAssignedSequence
        let error = await #expect(throws: RPCError.self) {
            try await s.orders.submitOrder(T.submit(.buy, quantity, limit: limit, symbol: symbol))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.hasPrefix(field) == true)
        #expect(s.server.runtime.store.lastAssignedSequence == before)
        #expect(try await s.orders.listOrders(TradebotV1.ListOrdersRequest()).orders.isEmpty)
    }

    @Test("Fills stream to two subscribers, and positions and portfolio match the fills exactly")
    func fillsAndPortfolio() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        var request = TradebotV1.SubscribeFillsRequest()
        request.fromSequence = 1
        let a = s.orders.subscribeFills(request)
        let b = s.orders.subscribeFills(request)
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "10000", clientOrderID: "b1"))
        try await s.bar("1.07300")
        _ = try await s.orders.submitOrder(T.submit(.sell, "4000", clientOrderID: "s1"))
        try await s.bar("1.07500")

        let fillsA = try await collect(2, from: a)
        let fillsB = try await collect(2, from: b)
        a.cancel()
        b.cancel()
        #expect(fillsA.map(\.sequence) == fillsB.map(\.sequence))
        #expect(fillsA.map { $0.fill?.quantity } == ["10000", "4000"])
        #expect(fillsA.map { $0.fill?.clientOrderID } == ["b1", "s1"])

        let buy = try #require(fillsA[0].fill), sell = try #require(fillsA[1].fill)
        let positions = try await s.portfolio.listPositions(TradebotV1.ListPositionsRequest()).positions
        #expect(positions.count == 1)
        #expect(positions.first?.quantity == "6000")
        let pBuy = try Decimal(wire: buy.price), pSell = try Decimal(wire: sell.price)
        let commissions = try Decimal(wire: buy.commission) + Decimal(wire: sell.commission)
        let portfolio = try #require(try await s.portfolio.getPortfolio(TradebotV1.GetPortfolioRequest()).portfolio)
        #expect(try Decimal(wire: portfolio.cash) == 100_000 - 10_000 * pBuy + 4_000 * pSell - commissions)
        #expect(try Decimal(wire: portfolio.realizedPnl) == 4_000 * (pSell - pBuy))
        #expect(try Decimal(wire: positions[0].averagePrice) == pBuy)
    }

    @Test("A risk limit breach is refused with its reason and reported on the risk stream, with LimitBreached")
    func riskBreach() async throws {
        var limits = TradingSettings.defaultLimits()
        limits.defaults.maxOrderQuantity = Quantity(raw: 50_000 * FixedPoint.scale)
        limits.dailyLossLimit = Money(raw: 50 * FixedPoint.scale)
        let s = try await T.start(settings: try T.settings(limits: limits))
        defer { Task { await s.stop() } }
        var request = TradebotV1.SubscribeRiskEventsRequest()
        request.fromSequence = 1
        let risk = s.risk.subscribeRiskEvents(request)
        try await s.bar("1.07219")
        let error = await #expect(throws: RPCError.self) {
            try await s.orders.submitOrder(T.submit(.buy, "100000", clientOrderID: "big"))
        }
        #expect(error?.code == .failedPrecondition)
        // The reason leads the status message and travels as the `tradebot-reason` trailer (grpcio sees
        // it too: Tests/Interop/test_trading_grpcio.py).
        #expect(error?.message.hasPrefix("MAX_ORDER_QUANTITY:") == true)
        #expect(error?.metadata["tradebot-reason"] == "MAX_ORDER_QUANTITY")
        #expect(error?.metadata["grpc-status"] == nil)

        _ = try await s.orders.submitOrder(T.submit(.buy, "10000", clientOrderID: "ok"))
        try await s.bar("1.07219")
        try await s.bar("1.06000")  // 10,000 × 0.012 = 122 lost > 50: daily loss limit breached
        var seen: [TradebotV1.RiskEvent] = []
        for try await event in risk {
            seen.append(event)
            if case .limitBreached? = event.event { break }
            if seen.count > 20 { break }
        }
        risk.cancel()
        guard case .orderRejected(let rejected)? = seen.first?.event else {
            Issue.record("first risk event is not the rejection: \(seen)")
            return
        }
        #expect(rejected.reasonCode == "MAX_ORDER_QUANTITY")
        guard case .limitBreached(let breach)? = seen.last?.event else {
            Issue.record("no LimitBreached: \(seen)")
            return
        }
        #expect(breach.limit == "DAILY_LOSS")
        let state = try await s.risk.getRiskState(TradebotV1.GetRiskStateRequest()).state
        #expect(state?.tradingState == .halted)
    }

    @Test("A halt cancels open orders and refuses new ones until resumed")
    func haltAndResume() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "10000", limit: "1.05000", clientOrderID: "open1"))
        try await s.settle()
        var halt = TradebotV1.HaltRequest()
        halt.reason = "end-to-end test"
        halt.cancelOpenOrders = true
        let halted = try await s.risk.halt(halt)
        #expect(halted.cancelledOrders == 1)
        #expect(halted.state?.tradingState == .halted)
        let refused = await #expect(throws: RPCError.self) {
            try await s.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "during-halt"))
        }
        #expect(refused?.code == .failedPrecondition)
        #expect(refused?.message.hasPrefix("TRADING_HALTED:") == true)
        try await s.settle()
        var get = TradebotV1.GetOrderRequest()
        get.target = .clientOrderID("open1")
        #expect(try await s.orders.getOrder(get).order?.status == .cancelled)

        var empty = TradebotV1.HaltRequest()
        empty.reason = " "
        let noReason = await #expect(throws: RPCError.self) { try await s.risk.halt(empty) }
        #expect(noReason?.code == .invalidArgument)

        var resume = TradebotV1.ResumeRequest()
        resume.reason = "test over"
        #expect(try await s.risk.resume(resume).state?.tradingState == .active)
        #expect(try await s.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "after")).order != nil)
    }

    @Test("A subscriber that reconnects with from_sequence misses nothing and sees nothing twice")
    func reconnect() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        for i in 0..<3 { _ = try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "r\(i)")) }
        try await s.settle()
        var request = TradebotV1.SubscribeOrdersRequest()
        request.fromSequence = 1
        let first = s.orders.subscribeOrders(request)
        let early = try await collect(4, from: first)
        first.cancel()
        for i in 3..<6 { _ = try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "r\(i)")) }
        try await s.settle()
        let last = try #require(early.last?.sequence)
        request.fromSequence = last + 1
        let resumed = s.orders.subscribeOrders(request)
        request.fromSequence = 1
        let full = s.orders.subscribeOrders(request)
        let all = try await collect(12, from: full)  // 6 orders × (submitted, accepted)
        let rest = try await collect(12 - early.count, from: resumed)
        full.cancel()
        resumed.cancel()
        #expect(early.map(\.sequence) + rest.map(\.sequence) == all.map(\.sequence))
        #expect(Set(all.map(\.sequence)).count == 12)
        #expect(all.map(\.sequence) == all.map(\.sequence).sorted())
    }

    @Test("An external signal is sized and risk-checked into an order; a retried signal id returns the first answer")
    func signals() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        let strategies = TradebotV1.Strategies.Client(s.rpc)
        try await s.bar("1.07219")
        var signal = TradebotV1.SubmitSignalRequest()
        signal.signalID = "sig-1"
        signal.strategyID = "external"
        signal.symbol = "EURUSD"
        signal.direction = .long
        signal.stopPrice = "1.06219"
        let first = try await strategies.submitSignal(signal)
        #expect(first.accepted)
        let order = try #require(first.order)
        #expect(order.side == .buy && order.strategyID == "external")
        let again = try await strategies.submitSignal(signal)
        #expect(again.order?.orderID == order.orderID)
        try await s.bar("1.07300")
        signal.signalID = "sig-2"
        let repeated = try await strategies.submitSignal(signal)
        #expect(!repeated.accepted && repeated.reasonCode == "ALREADY_LONG")
        signal.signalID = "sig-3"
        signal.direction = .unspecified
        let bad = await #expect(throws: RPCError.self) { try await strategies.submitSignal(signal) }
        #expect(bad?.code == .invalidArgument)
    }

    @Test("Quotes stream from a retained market-data sequence, then live; an unknown symbol is NOT_FOUND")
    func quotes() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        try await s.bar("1.07300")
        var request = TradebotV1.SubscribeQuotesRequest()
        request.fromSequence = 1
        request.includeBars = true
        let stream = s.marketData.subscribeQuotes(request)
        try await s.bar("1.07400")
        let events = try await collect(6, from: stream)
        stream.cancel()
        #expect(events.map(\.sequence) == [1, 1, 2, 2, 3, 3])
        guard case .quote(let q)? = events[4].payload, case .bar(let b)? = events[5].payload else {
            Issue.record("expected a quote then a bar: \(events)")
            return
        }
        #expect(try Decimal(wire: q.last) == Decimal(string: "1.074"))
        #expect(b.symbol == "EURUSD")
        var get = TradebotV1.GetQuoteRequest()
        get.symbol = "EURUSD"
        #expect(try await s.marketData.getQuote(get).quote?.last == q.last)

        request.symbols = ["XAUUSD"]
        let unknown = s.marketData.subscribeQuotes(request)
        let error = await #expect(throws: RPCError.self) { for try await _ in unknown {} }
        #expect(error?.code == .notFound)
    }

    @Test("Risk limits are read and replaced with optimistic versioning; the new limit applies to the next order")
    func riskLimits() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        let read = try await s.risk.getRiskLimits(TradebotV1.GetRiskLimitsRequest())
        #expect(read.version == 0)
        var limits = try #require(read.limits)
        #expect(limits.maxOrderQuantity == "5000000")
        limits.maxOrderQuantity = "2000"
        var update = TradebotV1.UpdateRiskLimitsRequest()
        update.limits = limits
        update.expectedVersion = 0
        update.reason = "test"
        let updated = try await s.risk.updateRiskLimits(update)
        #expect(updated.version == 1 && updated.limits?.maxOrderQuantity == "2000")
        update.expectedVersion = 7
        let stale = await #expect(throws: RPCError.self) { try await s.risk.updateRiskLimits(update) }
        #expect(stale?.code == .failedPrecondition && stale?.message.hasPrefix("VERSION_MISMATCH") == true)
        update.expectedVersion = 1
        update.limits?.dailyLossLimit = "-5"
        let negative = await #expect(throws: RPCError.self) { try await s.risk.updateRiskLimits(update) }
        #expect(negative?.code == .invalidArgument && negative?.message.hasPrefix("limits.daily_loss_limit") == true)
        let refused = await #expect(throws: RPCError.self) {
            try await s.orders.submitOrder(T.submit(.buy, "3000", clientOrderID: "over"))
        }
        #expect(refused?.message.hasPrefix("MAX_ORDER_QUANTITY") == true)
    }

    @Test("A stopped strategy emits no signals and a started one trades again; unknown strategies are NOT_FOUND")
    func strategyStartStop() async throws {
        var settings = try T.settings()
        settings.sma = (2, 3)
        let s = try await T.start(settings: settings)
        defer { Task { await s.stop() } }
        let strategies = TradebotV1.Strategies.Client(s.rpc)
        var stop = TradebotV1.StopStrategyRequest()
        stop.strategyID = "sma"
        #expect(try await strategies.stopStrategy(stop).strategy?.state == .stopped)
        let zigzag = ["1.07000", "1.07000", "1.07000", "1.08000", "1.09000", "1.07000", "1.05000", "1.04000"]
        for close in zigzag { try await s.bar(close) }
        #expect(try await strategies.listStrategies(TradebotV1.ListStrategiesRequest()).strategies.first?.signalsEmitted == 0)
        var start = TradebotV1.StartStrategyRequest()
        start.strategyID = "sma"
        #expect(try await strategies.startStrategy(start).strategy?.state == .running)
        for close in zigzag.reversed() { try await s.bar(close) }
        let info = try #require(try await strategies.listStrategies(TradebotV1.ListStrategiesRequest()).strategies.first)
        #expect(info.state == .running && info.signalsEmitted > 0)
        start.strategyID = "momentum"
        let missing = await #expect(throws: RPCError.self) { try await strategies.startStrategy(start) }
        #expect(missing?.code == .notFound)
    }

    @Test("GetStatus reports version, components and measured SLA figures; /metrics names the MISSION.md metrics")
    func status() async throws {
        let s = try await T.start()
        defer { Task { await s.stop() } }
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "st"))
        try await s.bar("1.07300")
        let status = try await s.system.getStatus(TradebotV1.GetStatusRequest())
        #expect(status.version == "test")
        #expect(Set(status.components.map(\.name)) == ["store", "broker", "market_data", "strategies"])
        #expect(status.components.first { $0.name == "store" }?.state == .ok)
        let names = Set(status.sla.map(\.name))
        for name in ["trade_loop_latency_p95", "signal_to_order_p95", "order_to_fill_p95", "rejection_rate",
                     "fill_timeout_rate", "api_latency_p95"] {
            #expect(names.contains(name))
        }
        #expect(status.sla.first { $0.name == "api_latency_p95" }.map { $0.value > 0 } == true)
        let text = s.server.metrics.renderPrometheus()
        for name in ["trade_loop_latency_ms_p95", "rejected_rate", "fill_timeout_rate", "tradebot_fills_total"] {
            #expect(text.contains("\n\(name) ") || text.hasPrefix("\(name) ") || text.contains("# TYPE \(name) "))
        }
    }
}
