import RPCCore
import TradingModel
import TradingProtocol

extension TradingComponent {
    func registerMarketData(in router: inout RPCRouter) {
        registerQuoteStream(in: &router)
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

    func registerQuoteStream(in router: inout RPCRouter) {
        router.registerServerStreaming(TradebotV1.MarketData.subscribeQuotes.descriptor.rpc) {
            [self] (request: TradebotV1.SubscribeQuotesRequest, context, writer: MessageWriter<TradebotV1.MarketDataEvent>) in
            for symbol in request.symbols where instrument(named: symbol) == nil {
                throw RPCError(code: .notFound, message: "unknown instrument '\(symbol)'")
            }
            let symbols = Set(request.symbols)
            let subscription: MarketDataHub.Subscription
            do {
                subscription = try host.quotes.subscribe(from: request.fromSequence)
            } catch MarketDataHub.SubscribeError.tooOld(let oldest) {
                throw RPCError(code: .outOfRange,
                               message: "from_sequence \(request.fromSequence ?? 0) is older than the oldest retained bar \(oldest)")
            } catch {
                throw RPCError(code: .internal, message: "\(error)")
            }
            let hub = host.quotes
            context.onCancel { _ in hub.unsubscribe(subscription) }
            defer { hub.unsubscribe(subscription) }
            var last: UInt64 = 0
            func send(_ item: MarketDataHub.Item) async throws(RPCError) {
                last = item.sequence
                guard symbols.isEmpty || symbols.contains(item.bar.symbol.value) else { return }
                var event = TradebotV1.MarketDataEvent()
                event.sequence = item.sequence
                event.payload = .quote(Self.wireQuote(item.bar))
                try await writer.write(event)
                if request.includeBars {
                    event.payload = .bar(Self.wireBar(item.bar))
                    try await writer.write(event)
                }
            }
            for item in subscription.backlog { try await send(item) }
            for await item in subscription.events {
                if context.isCancelled { return }
                try await send(item)
            }
            if context.isCancelled { return }
            if subscription.overflowed {
                throw RPCError(code: .resourceExhausted, message: "subscriber too slow; resume with from_sequence = \(last + 1)")
            }
            throw RPCError(code: .unavailable, message: "the server is shutting down; resume with from_sequence = \(last + 1)")
        }
    }

    static func wireBar(_ bar: Bar) -> TradebotV1.Bar {
        var b = TradebotV1.Bar()
        b.symbol = bar.symbol.value
        b.startTime = GoogleProtobuf.Timestamp(bar.timestamp)
        b.open = bar.open.wireText
        b.high = bar.high.wireText
        b.low = bar.low.wireText
        b.close = bar.close.wireText
        b.volume = bar.volume.wireText
        return b
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
