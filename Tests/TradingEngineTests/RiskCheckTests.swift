import Testing
import TradingEngine
import TradingModel
import TradingTesting

/// Each limit: the orders that reach it exactly (all pass) and the one that goes one
/// tick or one lot beyond it (denied with the reason).
enum Boundary: String, CaseIterable, Sendable {
    case orderQuantity, orderNotional, position, grossExposure, collarPercent, collarATR, openOrders,
         accountRate, strategyRate

    var limits: RiskLimits {
        switch self {
        case .orderQuantity: return RiskLimits(defaults: InstrumentRiskLimits(maxOrderQuantity: q("10")))
        case .orderNotional: return RiskLimits(defaults: InstrumentRiskLimits(maxOrderNotional: m("1000")))
        case .position: return RiskLimits(defaults: InstrumentRiskLimits(maxPosition: q("10")))
        case .grossExposure: return RiskLimits(maxGrossExposure: m("1000"))
        case .collarPercent: return RiskLimits(defaults: InstrumentRiskLimits(priceCollarBasisPoints: 100))
        case .collarATR: return RiskLimits(defaults: InstrumentRiskLimits(priceCollarATRMultiple: q("2")), atrPeriod: 2)
        case .openOrders: return RiskLimits(maxOpenOrders: 2)
        case .accountRate: return RiskLimits(maxSubmitsPerSecond: 3)
        case .strategyRate: return RiskLimits(maxSubmitsPerSecondPerStrategy: 2)
        }
    }

    var atLimit: [OrderRequest] {
        switch self {
        case .orderQuantity: return [marketOrder(.buy, "10")]
        case .orderNotional: return [limitOrder(.buy, "10", at: "100.00")]
        case .position: return [marketOrder(.buy, "6"), marketOrder(.buy, "4")]
        case .grossExposure: return [limitOrder(.buy, "10", at: "100.00")]
        case .collarPercent: return [limitOrder(.buy, "1", at: "101.00"), limitOrder(.sell, "1", at: "99.00")]
        case .collarATR: return [limitOrder(.buy, "1", at: "101.00")]
        case .openOrders: return [limitOrder(.buy, "1", at: "99"), limitOrder(.buy, "1", at: "98")]
        case .accountRate: return (0..<3).map { _ in marketOrder(.buy, "1") }
        case .strategyRate: return [marketOrder(.buy, "1", strategy: "A"), marketOrder(.buy, "1", strategy: "A"),
                                    marketOrder(.buy, "1", strategy: "B")]
        }
    }

    var overLimit: OrderRequest {
        switch self {
        case .orderQuantity: return marketOrder(.buy, "11")
        case .orderNotional: return limitOrder(.buy, "10", at: "100.01")
        case .position: return marketOrder(.buy, "1")
        case .grossExposure: return limitOrder(.buy, "10", at: "100.01")
        case .collarPercent: return limitOrder(.buy, "1", at: "101.01")
        case .collarATR: return limitOrder(.buy, "1", at: "101.01")
        case .openOrders: return limitOrder(.buy, "1", at: "97")
        case .accountRate: return marketOrder(.buy, "1")
        case .strategyRate: return marketOrder(.buy, "1", strategy: "A")
        }
    }

    var reason: RiskRejectReason {
        switch self {
        case .orderQuantity: return .maxOrderQuantity
        case .orderNotional: return .maxOrderNotional
        case .position: return .maxPosition
        case .grossExposure: return .maxGrossExposure
        case .collarPercent, .collarATR: return .priceCollar
        case .openOrders: return .maxOpenOrders
        case .accountRate: return .accountSubmitRate
        case .strategyRate: return .strategySubmitRate
        }
    }
}

@Suite("Pre-trade risk checks")
struct RiskCheckTests {
    @Test("exactly at the limit passes, one tick or lot over is denied with its reason", arguments: Boundary.allCases)
    func boundary(_ b: Boundary) {
        let h = EngineHarness(limits: b.limits)
        h.price("100")
        if b == .collarATR { h.bar(open: "100", high: "101", low: "100", close: "100") }  // ATR(2) = 0.50
        for r in b.atLimit {
            #expect(h.submit(r)?.order != nil, "\(b): \(r.quantity) should pass")
        }
        let denied = h.submit(b.overLimit)
        #expect(denied?.deniedReason == b.reason)
        #expect(h.lastTypes == ["OrderDenied"])
        #expect(h.broker.submitted.count == b.atLimit.count)
    }

    @Test("the submit rate window slides: a second later orders pass again")
    func rateWindowSlides() {
        let h = EngineHarness(limits: RiskLimits(maxSubmitsPerSecond: 1))
        h.price("100")
        #expect(h.submit(marketOrder(.buy, "1"))?.order != nil)
        #expect(h.submit(marketOrder(.buy, "1"))?.deniedReason == .accountSubmitRate)
        h.clock.advance(by: .seconds(1))
        #expect(h.submit(marketOrder(.buy, "1"))?.order != nil)
    }

    @Test("malformed orders are denied with a precise reason", arguments: [
        (OrderRequest(symbol: "TEST", side: .buy, type: .limit, quantity: q("1"), limitPrice: p("100.001")), RiskRejectReason.offTick),
        (OrderRequest(symbol: "TEST", side: .buy, quantity: q("1.5")), .offLot),
        (OrderRequest(symbol: "NOPE", side: .buy, quantity: q("1")), .unknownInstrument),
        (OrderRequest(symbol: "TEST", side: .buy, type: .limit, quantity: q("1")), .invalidOrder),
        (OrderRequest(symbol: "TEST", side: .buy, quantity: q("-1")), .invalidOrder),
        (OrderRequest(symbol: "TEST", side: .buy, quantity: q("0")), .invalidOrder),
        (OrderRequest(symbol: "TEST", side: .sell, quantity: q("1"), reduceOnly: true), .reduceOnly),
        (OrderRequest(symbol: "TEST", side: .buy, type: .stop, quantity: q("1")), .invalidOrder),
        (OrderRequest(symbol: "TEST", side: .buy, type: .trailingStop, quantity: q("1")), .invalidOrder),
        (OrderRequest(symbol: "TEST", side: .buy, quantity: q("1"), bracket: Bracket(stopLoss: p("99.999"))), .offTick),
    ])
    func malformed(request: OrderRequest, reason: RiskRejectReason) {
        let h = EngineHarness()
        h.price("100")
        #expect(h.submit(request)?.deniedReason == reason)
        #expect(h.broker.submitted.isEmpty)
    }

    @Test("minimum quantity: at the minimum passes, one lot below is denied")
    func minimumQuantity() throws {
        let instrument = try Instrument(symbol: "MIN", tickSize: p("0.01"), lotSize: q("1"), minQuantity: q("10"))
        let h = EngineHarness(instruments: [instrument])
        h.price("100", symbol: "MIN")
        #expect(h.submit(marketOrder(.buy, "10", symbol: "MIN"))?.order != nil)
        #expect(h.submit(marketOrder(.buy, "9", symbol: "MIN"))?.deniedReason == .belowMinQuantity)
    }

    @Test("a market order without any known price is denied")
    func noMarketData() {
        let h = EngineHarness()
        #expect(h.submit(marketOrder(.buy, "1"))?.deniedReason == .noMarketData)
    }

    @Test("reduce-only passes when it reduces the position")
    func reduceOnlyPasses() {
        let h = EngineHarness()
        h.price("100")
        h.trade(.buy, "5", at: "100")
        #expect(h.submit(OrderRequest(symbol: "TEST", side: .sell, quantity: q("5"), reduceOnly: true))?.order != nil)
        #expect(h.submit(OrderRequest(symbol: "TEST", side: .sell, quantity: q("6"), reduceOnly: true))?.deniedReason == .reduceOnly)
    }

    @Test("one pre-trade check reads state only")
    func checkIsPure() {
        let h = EngineHarness(limits: RiskLimits(maxOpenOrders: 1))
        h.price("100")
        let before = h.engine.sequence
        #expect(h.engine.preTradeCheck(marketOrder(.buy, "1")) == nil)
        #expect(h.engine.preTradeCheck(marketOrder(.buy, "1")) == nil)
        #expect(h.engine.sequence == before)
    }
}
