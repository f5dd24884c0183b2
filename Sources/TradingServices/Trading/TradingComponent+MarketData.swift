import RPCCore
import TradingModel
import TradingProtocol

extension TradingComponent {
    func registerMarketData(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.MarketData.listInstruments.descriptor.rpc) { [self] (_: TradebotV1.ListInstrumentsRequest, _) in
            try await timed { () async throws(RPCError) in
                var response = TradebotV1.ListInstrumentsResponse()
                response.instruments = settings.instruments.map(Self.wireInstrument)
                return response
            }
        }
        router.registerUnary(TradebotV1.MarketData.getQuote.descriptor.rpc) { [self] (request: TradebotV1.GetQuoteRequest, _) in
            try await timed { () async throws(RPCError) in
                guard let instrument = instrument(named: request.symbol) else {
                    throw RPCError(code: .notFound, message: "unknown instrument '\(request.symbol)'")
                }
                let bar = try await query { $0.lastBar(instrument.symbol) }
                guard let bar else {
                    throw RPCError(code: .unavailable, message: "no market data for \(instrument.symbol) yet")
                }
                var response = TradebotV1.GetQuoteResponse()
                response.quote = Self.wireQuote(bar)
                return response
            }
        }
    }

    /// The feed carries bars; a quote is the newest bar's close on both sides (no spread data).
    static func wireQuote(_ bar: Bar) -> TradebotV1.Quote {
        var q = TradebotV1.Quote()
        q.symbol = bar.symbol.value
        q.bid = bar.close.wireText
        q.ask = bar.close.wireText
        q.last = bar.close.wireText
        q.time = GoogleProtobuf.Timestamp(bar.timestamp)
        return q
    }

    static func wireInstrument(_ i: Instrument) -> TradebotV1.Instrument {
        var w = TradebotV1.Instrument()
        w.symbol = i.symbol.value
        w.description = i.symbol.value
        if i.symbol.value.count == 6 {
            w.baseCurrency = String(i.symbol.value.prefix(3))
        }
        w.quoteCurrency = i.quoteCurrency
        w.pricePrecision = UInt32(i.priceDecimals)
        w.quantityPrecision = UInt32(FixedPoint.decimalsUsed(i.lotSize.raw))
        w.tickSize = i.tickSize.wireText
        w.lotSize = i.lotSize.wireText
        w.minQuantity = i.minQuantity.wireText
        w.contractMultiplier = i.multiplier.wireText
        w.tradable = true
        return w
    }
}
