import TradingEngine
import TradingModel
import TradingProtocol

/// Domain → wire conversions the trading handlers and streams need beyond TradingProtocol's
/// mapping folder: positions, the portfolio, and the per-stream views of an engine event.
enum TradingWire {
    static func timestamp(_ nanoseconds: Int64) -> GoogleProtobuf.Timestamp {
        GoogleProtobuf.Timestamp(Timestamp(nanoseconds: nanoseconds))
    }

    static func position(_ p: Position, instrument: Instrument?, account: String) -> TradebotV1.Position {
        var w = TradebotV1.Position()
        let multiplier = instrument?.multiplier ?? Quantity(raw: FixedPoint.scale)
        w.accountID = account
        w.symbol = p.symbol.value
        w.quantity = p.quantity.wireText
        w.averagePrice = p.averageEntryPrice(multiplier: multiplier).wireText
        w.lastPrice = p.lastPrice.wireText
        w.marketValue = (try? p.marketValue(multiplier: multiplier))?.wireText ?? ""
        w.realizedPnl = p.realizedPnL.wireText
        w.unrealizedPnl = (try? p.unrealizedPnL(multiplier: multiplier))?.wireText ?? ""
        w.commissions = p.commissions.wireText
        w.updatedAt = GoogleProtobuf.Timestamp(p.updatedAt)
        return w
    }

    static func portfolio(_ view: SequencerStateView, settings: TradingSettings) -> TradebotV1.PortfolioSummary {
        let engine = view.engine
        let s = engine.portfolio
        var w = TradebotV1.PortfolioSummary()
        w.accountID = engine.account.value
        w.currency = settings.currency
        w.cash = s.cash.wireText
        w.equity = s.equity.wireText
        w.realizedPnl = s.realizedPnL.wireText
        w.unrealizedPnl = s.unrealizedPnL.wireText
        w.grossExposure = s.grossExposure.wireText
        w.netExposure = s.netExposure.wireText
        w.peakEquity = s.peakEquity.wireText
        w.drawdown = (try? s.peakEquity.subtracting(s.equity))?.wireText ?? ""
        w.drawdownFraction = basisPointsFraction(s.drawdownBasisPoints)
        w.dailyPnl = (try? s.equity.subtracting(engine.dayStartEquity))?.wireText ?? ""
        w.commissions = s.commissions.wireText
        w.positions = engine.positions.filter { !$0.isFlat }.map {
            position($0, instrument: engine.instrument($0.symbol), account: engine.account.value)
        }
        w.asOf = GoogleProtobuf.Timestamp(view.now)
        return w
    }

    /// `1234` basis points → `"0.1234"`.
    static func basisPointsFraction(_ bps: Int64) -> String {
        Quantity(raw: bps * (FixedPoint.scale / 10_000)).wireText
    }

    static func order(_ o: Order, sequence: Int64, account: String) -> TradebotV1.Order {
        TradebotV1.Order(o, accountID: account, sequence: UInt64(max(0, sequence)))
    }

    /// The order-stream view of an event, or nil when it is not about an order.
    static func orderEvent(_ e: JournaledEngineEvent, account: String) -> TradebotV1.OrderEvent? {
        guard let o = e.event.order else { return nil }
        var w = TradebotV1.OrderEvent()
        w.sequence = UInt64(e.sequence)
        w.time = timestamp(e.timeNanoseconds)
        var reasonCode = "", reasonMessage = ""
        switch e.event {
        case .orderSubmitted: w.kind = .submitted
        case .orderDenied(let d):
            w.kind = .rejected
            reasonCode = d.reason.rawValue
            reasonMessage = d.detail
        case .orderAccepted: w.kind = .accepted
        case .orderRejected(let r):
            w.kind = .rejected
            reasonCode = "BROKER_REJECTED"
            reasonMessage = r.reason
        case .orderFilled(let f): w.kind = f.order.status == .filled ? .filled : .partiallyFilled
        case .orderCancelRequested: w.kind = .pendingCancel
        case .orderCancelled: w.kind = .cancelled
        case .orderCancelRejected(let r):
            w.kind = .accepted
            reasonCode = "CANCEL_REJECTED"
            reasonMessage = r.reason
        case .orderExpired: w.kind = .expired
        case .orderStatusUnknown: w.kind = .statusUnknown
        case .fillTimeout: w.kind = .fillTimeout
        default: return nil
        }
        w.order = TradebotV1.Order(o, accountID: account, sequence: UInt64(e.sequence),
                                   reasonCode: reasonCode, reasonMessage: reasonMessage)
        return w
    }

    static func fillEvent(_ e: JournaledEngineEvent, account: String) -> TradebotV1.FillEvent? {
        guard case .orderFilled(let f) = e.event else { return nil }
        var w = TradebotV1.FillEvent()
        w.sequence = UInt64(e.sequence)
        w.fill = TradebotV1.Fill(f.fill, accountID: account, clientOrderID: f.order.clientOrderID?.value ?? "",
                                 strategyID: f.order.strategyID?.value ?? "", commissionCurrency: "USD")
        return w
    }

    static func positionEvent(_ e: JournaledEngineEvent, instruments: [Instrument], account: String) -> TradebotV1.PositionEvent? {
        let p: Position
        let before: Quantity?
        switch e.event {
        case .orderFilled(let f):
            p = f.position
            before = Quantity(raw: f.position.quantity.raw - f.fill.signedQuantity.raw)
        case .positionChanged(let changed):
            p = changed
            before = nil
        default: return nil
        }
        var w = TradebotV1.PositionEvent()
        w.sequence = UInt64(e.sequence)
        w.time = timestamp(e.timeNanoseconds)
        if p.isFlat { w.kind = .closed } else if before?.isZero == true { w.kind = .opened } else { w.kind = .updated }
        w.position = position(p, instrument: instruments.first { $0.symbol == p.symbol }, account: account)
        return w
    }

    static func breakerKind(_ k: TradingModel.CircuitBreakerKind) -> TradebotV1.CircuitBreakerKind {
        switch k {
        case .volatility: .volatility
        case .consecutiveRejections: .brokerRejections
        case .staleMarketData: .staleMarketData
        case .brokerDisconnected: .brokerDisconnected
        }
    }

    static func riskEvent(_ e: JournaledEngineEvent) -> TradebotV1.RiskEvent? {
        var w = TradebotV1.RiskEvent()
        w.sequence = UInt64(e.sequence)
        w.time = timestamp(e.timeNanoseconds)
        switch e.event {
        case .limitBreached(let b):
            var m = TradebotV1.LimitBreached()
            m.limit = b.limit.rawValue
            m.value = b.value
            m.threshold = b.threshold
            m.action = TradebotV1.TradingState(b.action)
            m.message = "\(b.limit.rawValue) \(b.value) breached \(b.threshold): trading \(b.action.rawValue)"
            w.event = .limitBreached(m)
        case .orderDenied(let d):
            var m = TradebotV1.OrderRejected()
            m.clientOrderID = d.order.clientOrderID?.value ?? ""
            m.symbol = d.order.symbol.value
            m.reasonCode = d.reason.rawValue
            m.message = d.detail
            m.strategyID = d.order.strategyID?.value ?? ""
            w.event = .orderRejected(m)
        case .stopUpdated(let s):
            var m = TradebotV1.StopUpdated()
            m.symbol = s.symbol.value
            m.oldStopPrice = s.previousStop.wireText
            m.newStopPrice = s.stops.stopLoss.wireText
            m.reason = s.previousStop == nil ? "armed" : "trailed"
            w.event = .stopUpdated(m)
        case .tradingStateChanged(let c):
            var m = TradebotV1.TradingStateChanged()
            m.scope = c.scope.description
            m.oldState = TradebotV1.TradingState(c.previous)
            m.newState = TradebotV1.TradingState(c.current)
            m.reason = c.reason
            m.actor = c.source.rawValue
            m.changedBy = c.principal ?? ""
            w.event = .tradingStateChanged(m)
        case .circuitBreakerTripped(let b):
            var breaker = TradebotV1.CircuitBreaker()
            breaker.name = b.kind.rawValue
            breaker.kind = breakerKind(b.kind)
            breaker.scope = b.scope.description
            breaker.tripped = true
            breaker.reason = b.detail
            breaker.trippedAt = timestamp(e.timeNanoseconds)
            var m = TradebotV1.CircuitBreakerTripped()
            m.breaker = breaker
            w.event = .circuitBreakerTripped(m)
        case .circuitBreakerReset(let b):
            var m = TradebotV1.CircuitBreakerReset()
            m.name = b.kind.rawValue
            m.scope = b.scope.description
            m.reason = b.detail
            w.event = .circuitBreakerReset(m)
        case .fillTimeout(let f):
            var m = TradebotV1.FillTimeout()
            m.orderID = f.order.id.description
            m.clientOrderID = f.order.clientOrderID?.value ?? ""
            m.symbol = f.order.symbol.value
            m.action = f.action.rawValue
            w.event = .fillTimeout(m)
        default: return nil
        }
        return w
    }

    static func riskState(_ view: SequencerStateView, metrics: TradingMetrics) -> TradebotV1.RiskState {
        let engine = view.engine
        var w = TradebotV1.RiskState()
        w.tradingState = TradebotV1.TradingState(engine.tradingState(.account))
        var reasons: [String] = []
        for (scope, source, state) in engine.activeRestrictions {
            switch scope {
            case .account:
                reasons.append("\(source.rawValue): \(state.rawValue)")
                if let who = engine.restrictionPrincipal(scope, source), w.haltedBy.isEmpty { w.haltedBy = who }
            case .instrument(let symbol):
                var s = TradebotV1.ScopedTradingState()
                s.symbol = symbol.value
                s.state = TradebotV1.TradingState(state)
                s.reason = source.rawValue
                s.haltedBy = engine.restrictionPrincipal(scope, source) ?? ""
                w.instrumentStates.append(s)
            }
        }
        w.haltReason = reasons.joined(separator: "; ")
        for (kind, scope, at) in engine.trippedCircuitBreakers {
            var b = TradebotV1.CircuitBreaker()
            b.name = kind.rawValue
            b.kind = breakerKind(kind)
            b.scope = scope.description
            b.tripped = true
            b.trippedAt = GoogleProtobuf.Timestamp(at)
            w.circuitBreakers.append(b)
        }
        let s = engine.portfolio
        w.dailyPnl = (try? s.equity.subtracting(engine.dayStartEquity))?.wireText ?? ""
        w.drawdownFraction = basisPointsFraction(s.drawdownBasisPoints)
        w.rejectionRate = String(metrics.rejectionRate)
        w.fillTimeoutRate = String(metrics.fillTimeoutRate)
        w.asOf = GoogleProtobuf.Timestamp(view.now)
        return w
    }
}
