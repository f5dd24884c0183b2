import RPCCore
import TradingModel
import TradingProtocol

extension TradingComponent {
    /// ListPositions and GetPortfolio are loop handlers (`registerLoopUnary`): they build their
    /// answer inside `query`, on the sequencer, and only await it; nothing blocks the event loop.
    func registerPortfolio(in router: inout RPCRouter) {
        // Loop: the answer is built inside `query`, on the sequencer.
        router.registerLoopUnary(TradebotV1.Portfolio.listPositions.descriptor.rpc) { [self] (request: TradebotV1.ListPositionsRequest, _) in
            try await timed { () async throws(RPCError) in
                if !request.symbol.isEmpty, instrument(named: request.symbol) == nil {
                    throw RPCError(code: .notFound, message: "unknown instrument '\(request.symbol)'")
                }
                let symbol = request.symbol, includeFlat = request.includeFlat, account = account
                return try await query { v in
                    var response = TradebotV1.ListPositionsResponse()
                    response.positions = v.engine.positions
                        .filter { (includeFlat || !$0.isFlat) && (symbol.isEmpty || $0.symbol.value == symbol) }
                        .map { TradingWire.position($0, instrument: v.engine.instrument($0.symbol), account: account) }
                    response.asOf = GoogleProtobuf.Timestamp(v.now)
                    return response
                }
            }
        }
        // Loop: the answer is built inside `query`, on the sequencer.
        router.registerLoopUnary(TradebotV1.Portfolio.getPortfolio.descriptor.rpc) { [self] (_: TradebotV1.GetPortfolioRequest, _) in
            try await timed { () async throws(RPCError) in
                let settings = settings
                return try await query { v in
                    var response = TradebotV1.GetPortfolioResponse()
                    response.portfolio = TradingWire.portfolio(v, settings: settings)
                    return response
                }
            }
        }
        router.registerServerStreaming(TradebotV1.Portfolio.subscribePositions.descriptor.rpc) {
            [self] (request: TradebotV1.SubscribePositionsRequest, context, writer: MessageWriter<TradebotV1.PositionEvent>) in
            let symbols = Set(request.symbols), instruments = settings.instruments, account = account
            try await streamer.serve(from: request.fromSequence, snapshot: positionsSnapshot(symbols: symbols),
                                     context: context, writer: writer) { event in
                guard let message = TradingWire.positionEvent(event, instruments: instruments, account: account),
                      symbols.isEmpty || symbols.contains(message.position?.symbol ?? "") else { return nil }
                return message
            }
        }
    }
}
