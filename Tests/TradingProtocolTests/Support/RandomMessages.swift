import TradingProtocol
import WireFormat

/// Random instances of a cross-section of message types that together use every field kind of
/// the schema: strings, enums, bools, (u)int32/64, doubles, nested and repeated messages, packed
/// enums, maps, oneofs, optional scalars, timestamps.
enum RandomMessages {
    typealias V1 = TradebotV1
    typealias Make = @Sendable (inout SeededGenerator) -> any ProtoMessage

    static func order(_ g: inout SeededGenerator) -> V1.Order {
        V1.Order { o in
            o.orderID = g.string(); o.clientOrderID = g.string(); o.accountID = g.string(); o.symbol = g.string()
            o.side = g.enumValue(); o.type = g.enumValue(); o.timeInForce = g.enumValue(); o.status = g.enumValue()
            o.quantity = g.decimal(); o.filledQuantity = g.decimal(); o.limitPrice = g.decimal()
            o.stopPrice = g.decimal(); o.averageFillPrice = g.decimal(); o.stopLossPrice = g.decimal()
            o.takeProfitPrice = g.decimal(); o.trailingStopDistance = g.decimal(); o.reduceOnly = g.bool()
            o.strategyID = g.string(); o.brokerOrderID = g.string(); o.reasonCode = g.string()
            o.reasonMessage = g.string(); o.createdAt = g.timestamp(); o.updatedAt = g.timestamp(); o.sequence = g.uint64()
        }
    }

    static func fill(_ g: inout SeededGenerator) -> V1.Fill {
        V1.Fill { f in
            f.fillID = g.string(); f.orderID = g.string(); f.clientOrderID = g.string(); f.accountID = g.string()
            f.symbol = g.string(); f.side = g.enumValue(); f.quantity = g.decimal(); f.price = g.decimal()
            f.commission = g.decimal(); f.commissionCurrency = g.string(); f.brokerTradeID = g.string()
            f.strategyID = g.string(); f.executedAt = g.timestamp()
        }
    }

    static func position(_ g: inout SeededGenerator) -> V1.Position {
        V1.Position { p in
            p.accountID = g.string(); p.symbol = g.string(); p.quantity = g.decimal(); p.averagePrice = g.decimal()
            p.realizedPnl = g.decimal(); p.unrealizedPnl = g.decimal(); p.updatedAt = g.timestamp()
        }
    }

    static func circuitBreaker(_ g: inout SeededGenerator) -> V1.CircuitBreaker {
        V1.CircuitBreaker { c in
            c.name = g.string(); c.kind = g.enumValue(); c.scope = g.string(); c.tripped = g.bool()
            c.reason = g.string(); c.trippedAt = g.timestamp(); c.resetsAt = g.timestamp()
        }
    }

    static func riskEvent(_ g: inout SeededGenerator) -> V1.RiskEvent {
        V1.RiskEvent { r in
            r.sequence = g.uint64(); r.time = g.timestamp()
            switch Int.random(in: 0...7, using: &g) {
            case 0: r.event = .limitBreached(V1.LimitBreached { $0.limit = g.string(); $0.value = g.decimal(); $0.action = g.enumValue() })
            case 1: r.event = .stopUpdated(V1.StopUpdated { $0.orderID = g.string(); $0.newStopPrice = g.decimal() })
            case 2: r.event = .circuitBreakerTripped(V1.CircuitBreakerTripped { $0.breaker = g.optional(circuitBreaker) })
            case 3: r.event = .circuitBreakerReset(V1.CircuitBreakerReset { $0.name = g.string(); $0.resetBy = g.string() })
            case 4: r.event = .tradingStateChanged(V1.TradingStateChanged { $0.oldState = g.enumValue(); $0.newState = g.enumValue() })
            case 5: r.event = .orderRejected(V1.OrderRejected { $0.reasonCode = g.string(); $0.message = g.string() })
            case 6: r.event = .fillTimeout(V1.FillTimeout { $0.orderID = g.string(); $0.action = g.string() })
            default: r.event = nil
            }
        }
    }

    /// One generator per message type exercised by the property tests.
    static let makers: [(name: String, make: Make)] = [
        ("Order", { order(&$0) }),
        ("Fill", { fill(&$0) }),
        ("FillEvent", { g in V1.FillEvent { $0.sequence = g.uint64(); $0.fill = g.optional(fill) } }),
        ("OrderEvent", { g in
            V1.OrderEvent { $0.sequence = g.uint64(); $0.kind = g.enumValue(); $0.order = g.optional(order); $0.time = g.timestamp() }
        }),
        ("SubmitOrderRequest", { g in
            V1.SubmitOrderRequest {
                $0.clientOrderID = g.string(); $0.symbol = g.string(); $0.side = g.enumValue(); $0.type = g.enumValue()
                $0.quantity = g.decimal(); $0.limitPrice = g.decimal(); $0.stopPrice = g.decimal()
                $0.timeInForce = g.enumValue(); $0.stopLossPrice = g.decimal(); $0.takeProfitPrice = g.decimal()
                $0.trailingStopDistance = g.decimal(); $0.strategyID = g.string(); $0.reduceOnly = g.bool()
                $0.accountID = g.string()
            }
        }),
        ("CancelOrderRequest", { g in
            V1.CancelOrderRequest {
                $0.target = g.chance(20) ? nil : (g.bool() ? .orderID(g.string()) : .clientOrderID(g.string()))
                $0.reason = g.string()
            }
        }),
        ("ListOrdersRequest", { g in
            V1.ListOrdersRequest {
                $0.symbol = g.string(); $0.statuses = g.array(5) { $0.enumValue() }; $0.createdAfter = g.timestamp()
                $0.pageSize = g.int32(); $0.pageToken = g.string()
            }
        }),
        ("ListOrdersResponse", { g in V1.ListOrdersResponse { $0.orders = g.array(3, order); $0.nextPageToken = g.string() } }),
        ("SubscribeOrdersRequest", { g in
            V1.SubscribeOrdersRequest { $0.fromSequence = g.optional { $0.uint64() }; $0.symbols = g.strings(); $0.strategyID = g.string() }
        }),
        ("PortfolioSummary", { g in
            V1.PortfolioSummary {
                $0.cash = g.decimal(); $0.equity = g.decimal(); $0.drawdown = g.decimal()
                $0.positions = g.array(3, position); $0.asOf = g.timestamp()
            }
        }),
        ("PositionEvent", { g in
            V1.PositionEvent { $0.sequence = g.uint64(); $0.kind = g.enumValue(); $0.position = g.optional(position) }
        }),
        ("RiskLimits", { g in
            V1.RiskLimits {
                $0.maxOrderQuantity = g.decimal(); $0.maxOpenOrders = g.uint32(); $0.maxOrdersPerSecond = g.uint32()
                $0.fillTimeoutSeconds = g.uint32()
                for _ in 0..<Int.random(in: 0...3, using: &g) {
                    $0.instrumentLimits[g.string()] = V1.InstrumentLimits { $0.maxOrderQuantity = g.decimal() }
                }
            }
        }),
        ("RiskState", { g in
            V1.RiskState {
                $0.tradingState = g.enumValue(); $0.circuitBreakers = g.array(2, circuitBreaker)
                $0.activeBreaches = g.array(2) { g in V1.LimitBreached { $0.limit = g.string() } }
                $0.rejectionRate = g.decimal(); $0.haltedBy = g.string()
            }
        }),
        ("RiskEvent", { riskEvent(&$0) }),
        ("MarketDataEvent", { g in
            V1.MarketDataEvent {
                $0.sequence = g.uint64()
                switch Int.random(in: 0...2, using: &g) {
                case 0: $0.payload = .quote(V1.Quote { $0.symbol = g.string(); $0.bid = g.decimal(); $0.time = g.timestamp() })
                case 1: $0.payload = .bar(V1.Bar { $0.open = g.decimal(); $0.intervalSeconds = g.uint32() })
                default: $0.payload = nil
                }
            }
        }),
        ("StrategyInfo", { g in
            V1.StrategyInfo {
                $0.strategyID = g.string(); $0.state = g.enumValue(); $0.signalsEmitted = g.uint64()
                for _ in 0..<Int.random(in: 0...4, using: &g) { $0.parameters[g.string()] = g.string() }
            }
        }),
        ("SubmitSignalRequest", { g in
            V1.SubmitSignalRequest {
                $0.signalID = g.string(); $0.direction = g.enumValue(); $0.generatedAt = g.timestamp()
                $0.size = g.chance(30) ? nil : (g.bool() ? .quantity(g.decimal()) : .riskFraction(g.decimal()))
            }
        }),
        ("CreateApiTokenRequest", { g in
            V1.CreateApiTokenRequest { $0.name = g.string(); $0.role = g.enumValue(); $0.ttlSeconds = g.int64() }
        }),
        ("GetStatusResponse", { g in
            V1.GetStatusResponse {
                $0.version = g.string(); $0.uptimeSeconds = g.uint64(); $0.mode = g.enumValue()
                $0.sla = g.array(3) { g in V1.SlaMetric { $0.name = g.string(); $0.value = g.double(); $0.target = g.double(); $0.met = g.bool() } }
                $0.components = g.array(2) { g in V1.ComponentHealth { $0.name = g.string(); $0.state = g.enumValue() } }
            }
        }),
        ("ListConfigVersionsRequest", { g in V1.ListConfigVersionsRequest { $0.limit = g.int32() } }),
        ("HealthCheckResponse", { g in GRPCHealthV1.HealthCheckResponse(status: g.enumValue()) }),
        ("Timestamp", { g in GoogleProtobuf.Timestamp(seconds: g.int64(), nanos: g.int32()) }),
    ]
}
