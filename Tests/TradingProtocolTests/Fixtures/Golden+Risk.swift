import TradingProtocol
import WireFormat

extension Golden {
    static let instrumentLimits = V1.InstrumentLimits {
        $0.maxOrderQuantity = "max_order_quantity"; $0.maxOrderNotional = "max_order_notional"
        $0.maxPositionQuantity = "max_position_quantity"; $0.priceCollarFraction = "price_collar_fraction"
    }
    static let riskLimits = V1.RiskLimits {
        $0.maxOrderQuantity = "max_order_quantity"; $0.maxOrderNotional = "max_order_notional"
        $0.maxPositionQuantity = "max_position_quantity"; $0.maxGrossExposure = "max_gross_exposure"
        $0.maxOpenOrders = 5007; $0.maxOrdersPerSecond = 6007; $0.priceCollarFraction = "price_collar_fraction"
        $0.dailyLossLimit = "daily_loss_limit"; $0.maxDrawdownFraction = "max_drawdown_fraction"
        $0.riskFractionPerTrade = "risk_fraction_per_trade"; $0.fillTimeoutSeconds = 11007
        $0.instrumentLimits = ["instrument_limits_a": instrumentLimits, "instrument_limits_b": instrumentLimits]
    }
    static let scopedTradingState = V1.ScopedTradingState {
        $0.symbol = "symbol"; $0.state = .halted; $0.reason = "reason"; $0.haltedBy = "halted_by"
    }
    static let limitBreached = V1.LimitBreached {
        $0.limit = "limit"; $0.symbol = "symbol"; $0.value = "value"; $0.threshold = "threshold"
        $0.action = .halted; $0.message = "message"
    }
    static let circuitBreaker = V1.CircuitBreaker {
        $0.name = "name"; $0.kind = .brokerDisconnected; $0.scope = "scope"; $0.tripped = true
        $0.reason = "reason"; $0.trippedAt = ts; $0.resetsAt = ts
    }
    static let riskState = V1.RiskState {
        $0.tradingState = .halted; $0.haltReason = "halt_reason"
        $0.instrumentStates = [scopedTradingState, scopedTradingState]
        $0.activeBreaches = [limitBreached, limitBreached]; $0.circuitBreakers = [circuitBreaker, circuitBreaker]
        $0.dailyPnl = "daily_pnl"; $0.drawdownFraction = "drawdown_fraction"
        $0.rejectionRate = "rejection_rate"; $0.fillTimeoutRate = "fill_timeout_rate"; $0.asOf = ts
        $0.haltedBy = "halted_by"
    }
    static let stopUpdated = V1.StopUpdated {
        $0.orderID = "order_id"; $0.symbol = "symbol"; $0.oldStopPrice = "old_stop_price"
        $0.newStopPrice = "new_stop_price"; $0.reason = "reason"
    }
    static let circuitBreakerTripped = V1.CircuitBreakerTripped { $0.breaker = circuitBreaker }
    static let circuitBreakerReset = V1.CircuitBreakerReset {
        $0.name = "name"; $0.scope = "scope"; $0.resetBy = "reset_by"; $0.reason = "reason"
    }
    static let tradingStateChanged = V1.TradingStateChanged {
        $0.scope = "scope"; $0.oldState = .halted; $0.newState = .halted; $0.reason = "reason"; $0.actor = "actor"
        $0.changedBy = "changed_by"
    }
    static let orderRejected = V1.OrderRejected {
        $0.clientOrderID = "client_order_id"; $0.symbol = "symbol"; $0.reasonCode = "reason_code"
        $0.message = "message"; $0.strategyID = "strategy_id"
    }
    static let fillTimeout = V1.FillTimeout {
        $0.orderID = "order_id"; $0.clientOrderID = "client_order_id"; $0.symbol = "symbol"; $0.action = "action"
    }

    static func riskEvent(_ event: V1.RiskEvent.Event) -> V1.RiskEvent {
        V1.RiskEvent { $0.sequence = 1_000_000_007; $0.time = ts; $0.event = event }
    }

    static let risk: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.InstrumentLimits", instrumentLimits),
        ("tradebot.v1.RiskLimits", riskLimits),
        ("tradebot.v1.GetRiskLimitsRequest", V1.GetRiskLimitsRequest()),
        ("tradebot.v1.GetRiskLimitsResponse", V1.GetRiskLimitsResponse { $0.limits = riskLimits; $0.version = 2_000_000_014 }),
        ("tradebot.v1.UpdateRiskLimitsRequest", V1.UpdateRiskLimitsRequest {
            $0.limits = riskLimits; $0.expectedVersion = 2_000_000_014; $0.reason = "reason"
        }),
        ("tradebot.v1.UpdateRiskLimitsResponse", V1.UpdateRiskLimitsResponse {
            $0.limits = riskLimits; $0.version = 2_000_000_014
        }),
        ("tradebot.v1.GetRiskStateRequest", V1.GetRiskStateRequest { $0.accountID = "account_id" }),
        ("tradebot.v1.GetRiskStateResponse", V1.GetRiskStateResponse { $0.state = riskState }),
        ("tradebot.v1.ScopedTradingState", scopedTradingState),
        ("tradebot.v1.RiskState", riskState),
        ("tradebot.v1.CircuitBreaker", circuitBreaker),
        ("tradebot.v1.HaltRequest", V1.HaltRequest {
            $0.reason = "reason"; $0.symbol = "symbol"; $0.cancelOpenOrders = true; $0.flattenPositions = true
        }),
        ("tradebot.v1.HaltResponse", V1.HaltResponse { $0.state = riskState; $0.cancelledOrders = 2007 }),
        ("tradebot.v1.ResumeRequest", V1.ResumeRequest {
            $0.reason = "reason"; $0.symbol = "symbol"; $0.resetCircuitBreakers = true
        }),
        ("tradebot.v1.ResumeResponse", V1.ResumeResponse { $0.state = riskState }),
        ("tradebot.v1.SubscribeRiskEventsRequest", V1.SubscribeRiskEventsRequest { $0.fromSequence = 0 }),
        ("tradebot.v1.RiskEvent.limit_breached", riskEvent(.limitBreached(limitBreached))),
        ("tradebot.v1.RiskEvent.stop_updated", riskEvent(.stopUpdated(stopUpdated))),
        ("tradebot.v1.RiskEvent.circuit_breaker_tripped", riskEvent(.circuitBreakerTripped(circuitBreakerTripped))),
        ("tradebot.v1.RiskEvent.circuit_breaker_reset", riskEvent(.circuitBreakerReset(circuitBreakerReset))),
        ("tradebot.v1.RiskEvent.trading_state_changed", riskEvent(.tradingStateChanged(tradingStateChanged))),
        ("tradebot.v1.RiskEvent.order_rejected", riskEvent(.orderRejected(orderRejected))),
        ("tradebot.v1.RiskEvent.fill_timeout", riskEvent(.fillTimeout(fillTimeout))),
        ("tradebot.v1.LimitBreached", limitBreached),
        ("tradebot.v1.StopUpdated", stopUpdated),
        ("tradebot.v1.CircuitBreakerTripped", circuitBreakerTripped),
        ("tradebot.v1.CircuitBreakerReset", circuitBreakerReset),
        ("tradebot.v1.TradingStateChanged", tradingStateChanged),
        ("tradebot.v1.OrderRejected", orderRejected),
        ("tradebot.v1.FillTimeout", fillTimeout),
    ]
}
