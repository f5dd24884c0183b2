import RPCCore
import TradingModel
import TradingProtocol

extension TradingComponent {
    func registerSignals(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.Strategies.submitSignal.descriptor.rpc) { [self] (request: TradebotV1.SubmitSignalRequest, _) in
            try await timed { () async throws(RPCError) in try await submitSignal(request) }
        }
    }

    /// An external signal, sized and risk-checked by the engine exactly like a strategy's. A signal
    /// that sizing or risk turns down is an answer (`accepted = false` with the reason), not an error.
    func submitSignal(_ request: TradebotV1.SubmitSignalRequest) async throws(RPCError) -> TradebotV1.SubmitSignalResponse {
        guard !request.signalID.isEmpty else { throw Self.invalid("signal_id", "required (it makes retries safe)") }
        if let first = signals.answer(for: request.signalID) { return first }
        guard !request.strategyID.isEmpty else { throw Self.invalid("strategy_id", "required") }
        guard let instrument = instrument(named: request.symbol) else {
            throw RPCError(code: .notFound, message: "unknown instrument '\(request.symbol)'")
        }
        let direction: Signal.Direction
        switch request.direction {
        case .long: direction = .long
        case .short: direction = .short
        case .flat: direction = .flat
        case .unspecified, .unrecognized: throw Self.invalid("direction", "LONG, SHORT or FLAT is required")
        }
        if request.size != nil {
            throw Self.invalid("size", "the engine sizes signals by its risk-per-trade setting; leave quantity and risk_fraction unset")
        }
        func price(_ text: String, _ field: String) throws(RPCError) -> Price? {
            guard !text.isEmpty else { return nil }
            let p: Price
            do { p = try Price(wire: text, field: field) } catch { throw Self.decodingError(error) }
            guard p.isPositive, instrument.isOnTick(p) else {
                throw Self.invalid(field, "must be positive and a multiple of the tick size \(instrument.tickSize.wireText)")
            }
            return p
        }
        let stop = try price(request.stopPrice, "stop_price")
        let target = try price(request.takeProfitPrice, "take_profit_price")
        let last = try await query { $0.engine.lastPrice(instrument.symbol) }
        func distance(_ p: Price?) -> Price? {
            guard let p, let last else { return nil }
            return Price(raw: abs(p.raw - last.raw))
        }
        let signal = Signal(strategyID: StrategyID(request.strategyID), symbol: instrument.symbol, direction: direction,
                            timestamp: Timestamp(nanoseconds: runtime.now()), stopDistance: distance(stop),
                            takeProfitDistance: distance(target))
        let outcome = try await execute(.submitSignal(signal))
        var response = TradebotV1.SubmitSignalResponse()
        response.signalID = request.signalID
        switch outcome.result {
        case .order(let o)?:
            response.accepted = true
            let seq = outcome.events.last { $0.event.order?.id == o.id }?.sequence ?? 0
            response.order = TradingWire.order(o, sequence: seq, account: account)
        case .denied(let o, let reason, let detail)?:
            response.reasonCode = reason.rawValue
            response.reasonMessage = detail
            response.order = TradingWire.order(o, sequence: outcome.events.last?.sequence ?? 0, account: account)
        case .signalIgnored(let reason)?:
            response.reasonCode = reason
            response.reasonMessage = "the engine did not act on the signal"
        default:
            throw RPCError(code: .internal, message: "the engine gave no answer to the signal")
        }
        return signals.record(response, for: request.signalID)
    }
}
