import RPCCore
import TradingModel
import TradingProtocol

extension TradingComponent {
    /// GetRiskState is a loop handler (`registerLoopUnary`): its answer is built inside `query`
    /// on the sequencer, the handler only awaits it. Halt and Resume stay on the pool (rare
    /// operator calls; nothing to gain).
    func registerRisk(in router: inout RPCRouter) {
        // Loop: the answer is built inside `query`, on the sequencer.
        router.registerLoopUnary(TradebotV1.Risk.getRiskState.descriptor.rpc) { [self] (_: TradebotV1.GetRiskStateRequest, _) in
            try await timed { () async throws(RPCError) in
                var response = TradebotV1.GetRiskStateResponse()
                response.state = try await riskState()
                return response
            }
        }
        router.registerUnary(TradebotV1.Risk.halt.descriptor.rpc) { [self] (request: TradebotV1.HaltRequest, context) in
            let principal = context.caller?.subject
            return try await timed { () async throws(RPCError) in try await halt(request, principal: principal) }
        }
        router.registerUnary(TradebotV1.Risk.resume.descriptor.rpc) { [self] (request: TradebotV1.ResumeRequest, context) in
            let principal = context.caller?.subject
            return try await timed { () async throws(RPCError) in try await resume(request, principal: principal) }
        }
        router.registerServerStreaming(TradebotV1.Risk.subscribeRiskEvents.descriptor.rpc) {
            [self] (request: TradebotV1.SubscribeRiskEventsRequest, context, writer: MessageWriter<TradebotV1.RiskEvent>) in
            try await streamer.serve(from: request.fromSequence, context: context, writer: writer) { TradingWire.riskEvent($0) }
        }
    }

    func riskState() async throws(RPCError) -> TradebotV1.RiskState {
        let metrics = host.metrics
        return try await query { TradingWire.riskState($0, metrics: metrics) }
    }

    /// Account halt: with `cancel_open_orders` or `flatten_positions` it is the kill switch
    /// (cancels every open order, optionally flattens); otherwise an admin HALTED restriction.
    /// Instrument halt: an admin restriction of that instrument, optionally cancelling its orders.
    /// `principal` (the caller's subject) is journaled with the change and shown as `halted_by`.
    func halt(_ request: TradebotV1.HaltRequest, principal: String?) async throws(RPCError) -> TradebotV1.HaltResponse {
        guard !request.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Self.invalid("reason", "a halt needs a reason (it is journaled)")
        }
        var events: [JournaledEngineEvent] = []
        if request.symbol.isEmpty {
            if request.cancelOpenOrders || request.flattenPositions {
                events += try await execute(.activateKillSwitch(flatten: request.flattenPositions, reason: request.reason,
                                                           principal: principal)).events
            } else {
                events += try await execute(.setTradingState(.account, .halted, reason: request.reason, principal: principal)).events
            }
        } else {
            guard let instrument = instrument(named: request.symbol) else {
                throw RPCError(code: .notFound, message: "unknown instrument '\(request.symbol)'")
            }
            events += try await execute(.setTradingState(.instrument(instrument.symbol), .halted, reason: request.reason,
                                                principal: principal)).events
            if request.cancelOpenOrders {
                events += try await execute(.cancelAllOrders(instrument.symbol)).events
            }
        }
        var cancelled = Set<OrderID>()
        for e in events {
            switch e.event {
            case .orderCancelRequested(let o), .orderCancelled(let o): cancelled.insert(o.id)
            default: break
            }
        }
        var response = TradebotV1.HaltResponse()
        response.state = try await riskState()
        response.cancelledOrders = UInt32(cancelled.count)
        return response
    }

    func resume(_ request: TradebotV1.ResumeRequest, principal: String?) async throws(RPCError) -> TradebotV1.ResumeResponse {
        let scope: TradingScope
        if request.symbol.isEmpty {
            scope = .account
        } else {
            guard let instrument = instrument(named: request.symbol) else {
                throw RPCError(code: .notFound, message: "unknown instrument '\(request.symbol)'")
            }
            scope = .instrument(instrument.symbol)
        }
        let tripped = try await query { v in v.engine.trippedCircuitBreakers.filter { $0.1 == scope }.map(\.0) }
        if !tripped.isEmpty {
            guard request.resetCircuitBreakers else {
                var metadata = Metadata()
                metadata.add("tradebot-reason", "CIRCUIT_BREAKER")
                throw RPCError(code: .failedPrecondition,
                               message: "CIRCUIT_BREAKER: \(tripped.map(\.rawValue).joined(separator: ", ")) still tripped; set reset_circuit_breakers",
                               metadata: metadata)
            }
            for kind in tripped { _ = try await execute(.resetCircuitBreaker(kind, scope)) }
        }
        if scope == .account { _ = try await execute(.resetKillSwitch) }
        _ = try await execute(.setTradingState(scope, .active, reason: request.reason.isEmpty ? "resumed" : request.reason,
                                         principal: principal))
        var response = TradebotV1.ResumeResponse()
        response.state = try await riskState()
        return response
    }
}
