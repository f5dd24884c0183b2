import RPCCore
import TradingModel
import TradingProtocol

extension TradingComponent {
    func registerStrategies(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.Strategies.listStrategies.descriptor.rpc) { [self] (_: TradebotV1.ListStrategiesRequest, _) in
            try await timed { () async throws(RPCError) in
                var response = TradebotV1.ListStrategiesResponse()
                if let info = try await strategyInfo() { response.strategies = [info] }
                return response
            }
        }
        router.registerUnary(TradebotV1.Strategies.startStrategy.descriptor.rpc) { [self] (request: TradebotV1.StartStrategyRequest, _) in
            try await timed { () async throws(RPCError) in
                try requireStrategy(request.strategyID)
                host.smaSwitch.set(running: true, at: runtime.now())
                runtime.log.info("strategy started", ["strategy": request.strategyID])
                var response = TradebotV1.StartStrategyResponse()
                response.strategy = try await strategyInfo()
                return response
            }
        }
        router.registerUnary(TradebotV1.Strategies.stopStrategy.descriptor.rpc) { [self] (request: TradebotV1.StopStrategyRequest, _) in
            try await timed { () async throws(RPCError) in
                try requireStrategy(request.strategyID)
                host.smaSwitch.set(running: false, at: runtime.now())
                runtime.log.info("strategy stopped", ["strategy": request.strategyID])
                if request.cancelOpenOrders {
                    let id = request.strategyID
                    let open = try await query { v in v.engine.openOrders.filter { $0.strategyID?.value == id }.map(\.id) }
                    for order in open { _ = try await execute(.cancelOrder(order)) }
                }
                var response = TradebotV1.StopStrategyResponse()
                response.strategy = try await strategyInfo()
                return response
            }
        }
    }

    /// The hosted strategy is `sma` (when configured); anything else is NOT_FOUND.
    func requireStrategy(_ id: String) throws(RPCError) {
        guard !id.isEmpty else { throw Self.invalid("strategy_id", "required") }
        guard settings.sma != nil, id == "sma" else { throw RPCError(code: .notFound, message: "no hosted strategy '\(id)'") }
    }

    func strategyInfo() async throws(RPCError) -> TradebotV1.StrategyInfo? {
        guard let sma = settings.sma, let symbol = settings.instruments.first?.symbol else { return nil }
        let counts = try await query { v -> (Int, Int) in
            (v.engine.counters.signals, v.engine.allOrders.filter { $0.strategyID?.value == "sma" }.count)
        }
        var info = TradebotV1.StrategyInfo()
        info.strategyID = "sma"
        info.kind = "sma_crossover"
        info.symbol = symbol.value
        info.state = host.smaSwitch.isRunning ? .running : .stopped
        info.parameters = ["fast": "\(sma.fast)", "slow": "\(sma.slow)"]
        let started = max(host.smaSwitch.since, host.startedAt.load(ordering: .relaxed))
        if started > 0 { info.startedAt = TradingWire.timestamp(started) }
        info.signalsEmitted = UInt64(counts.0)
        info.ordersSubmitted = UInt64(counts.1)
        return info
    }

    func registerSystem(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.System.getStatus.descriptor.rpc) { [self] (_: TradebotV1.GetStatusRequest, _) in
            try await timed { () async throws(RPCError) in try await status() }
        }
    }

    /// Version, uptime, component health and the SLA figures measured by this process.
    func status() async throws(RPCError) -> TradebotV1.GetStatusResponse {
        let now = runtime.now()
        let started = host.startedAt.load(ordering: .relaxed)
        var response = TradebotV1.GetStatusResponse()
        response.version = runtime.version
        response.mode = .paper
        if started > 0 {
            response.startedAt = TradingWire.timestamp(started)
            response.uptimeSeconds = UInt64(max(0, now - started) / 1_000_000_000)
        }
        response.now = TradingWire.timestamp(now)
        let (state, connected) = try await query { v in (v.engine.tradingState(.account), v.brokerConnected) }
        response.tradingState = TradebotV1.TradingState(state)

        func component(_ name: String, _ ok: Bool, _ detail: String, degraded: Bool = false) -> TradebotV1.ComponentHealth {
            var c = TradebotV1.ComponentHealth()
            c.name = name
            c.state = ok ? (degraded ? .degraded : .ok) : .down
            c.detail = detail
            if started > 0 { c.since = TradingWire.timestamp(started) }
            return c
        }
        let store = runtime.store
        let storeFailure = store.failure
        response.components.append(component("store", storeFailure == nil,
                                             storeFailure.map { "\($0)" } ?? "journal at sequence \(store.committedSequence)"))
        response.components.append(component("broker", connected, connected ? "paper broker connected" : "paper broker disconnected"))
        let lastBar = host.metrics.lastBarNanoseconds.load(ordering: .relaxed)
        let feedDetail = settings.feedBars.isEmpty ? "no feed configured" :
            "\(settings.feedSource) at \(settings.barsPerSecond) bars/s, \(host.metrics.barCount) bars"
        let stale = lastBar > 0 && now - lastBar > 10_000_000_000
        response.components.append(component("market_data", true, feedDetail, degraded: settings.feedBars.isEmpty || stale))
        let strategyState = host.smaSwitch.isRunning ? "running" : "stopped"
        response.components.append(component("strategies", true,
                                              settings.sma.map { "sma(\($0.fast),\($0.slow)) \(strategyState)" } ?? "none"))

        let m = host.metrics
        func sla(_ name: String, _ value: Double?, _ target: Double, _ unit: String) -> TradebotV1.SlaMetric {
            var s = TradebotV1.SlaMetric()
            s.name = name
            s.value = value ?? 0
            s.target = target
            s.unit = unit
            s.met = (value ?? 0) < target
            return s
        }
        response.sla = [
            sla("trade_loop_latency_p95", m.tradeLoop.quantile(0.95), 250, "ms"),
            sla("signal_to_order_p95", m.signalToOrder.quantile(0.95), 100, "ms"),
            sla("order_to_fill_p95", m.orderToFill.quantile(0.95), 2000, "ms"),
            sla("position_update_p95", m.positionUpdate.quantile(0.95), 50, "ms"),
            sla("rejection_rate", m.rejectionRate, 0.05, "ratio"),
            sla("fill_timeout_rate", m.fillTimeoutRate, 0.02, "ratio"),
            sla("api_latency_p95", m.api.quantile(0.95), 500, "ms"),
        ]
        return response
    }
}
