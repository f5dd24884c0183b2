import RPCCore
import TradingModel
import TradingProtocol
import WireFormat

extension TradingComponent {
    func registerRiskLimits(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.Risk.getRiskLimits.descriptor.rpc) { [self] (_: TradebotV1.GetRiskLimitsRequest, _) in
            try await timed { () async throws(RPCError) in
                let (limits, version) = try await query { ($0.engine.limits, $0.limitsVersion) }
                var response = TradebotV1.GetRiskLimitsResponse()
                response.limits = Self.wireLimits(limits)
                response.version = version
                return response
            }
        }
        router.registerUnary(TradebotV1.Risk.updateRiskLimits.descriptor.rpc) { [self] (request: TradebotV1.UpdateRiskLimitsRequest, _) in
            try await timed { () async throws(RPCError) in try await updateRiskLimits(request) }
        }
    }

    /// Replaces the limits the wire can express (an empty field means "no limit"; an empty
    /// `risk_fraction_per_trade` keeps the current one); sizing and breaker settings the wire does
    /// not carry are kept. With `expected_version` != 0 the change applies only at that version.
    func updateRiskLimits(_ request: TradebotV1.UpdateRiskLimitsRequest) async throws(RPCError) -> TradebotV1.UpdateRiskLimitsResponse {
        guard let wire = request.limits else { throw Self.invalid("limits", "required") }
        let current = try await query { $0.engine.limits }
        let limits: RiskLimits
        do { limits = try Self.domainLimits(wire, base: current) } catch { throw Self.decodingError(error) }
        let expected = request.expectedVersion
        let check: (@Sendable (SequencerStateView) -> Bool)?
        if expected == 0 { check = nil } else { check = { view in view.limitsVersion == expected } }
        _ = try await execute(.updateRiskLimits(limits), onlyIf: check)
        let (now, version) = try await query { ($0.engine.limits, $0.limitsVersion) }
        var response = TradebotV1.UpdateRiskLimitsResponse()
        response.limits = Self.wireLimits(now)
        response.version = version
        return response
    }

    static func fraction(_ bps: Int64?) -> String { bps.map { TradingWire.basisPointsFraction($0) } ?? "" }

    static func wireLimits(_ l: RiskLimits) -> TradebotV1.RiskLimits {
        var w = TradebotV1.RiskLimits()
        w.maxOrderQuantity = l.defaults.maxOrderQuantity.wireText
        w.maxOrderNotional = l.defaults.maxOrderNotional.wireText
        w.maxPositionQuantity = l.defaults.maxPosition.wireText
        w.priceCollarFraction = fraction(l.defaults.priceCollarBasisPoints)
        w.maxGrossExposure = l.maxGrossExposure.wireText
        w.maxOpenOrders = UInt32(clamping: l.maxOpenOrders ?? 0)
        w.maxOrdersPerSecond = UInt32(clamping: l.maxSubmitsPerSecond ?? 0)
        w.dailyLossLimit = l.dailyLossLimit.wireText
        w.maxDrawdownFraction = fraction(l.maxDrawdownBasisPoints)
        w.riskFractionPerTrade = fraction(l.riskPerTradeBasisPoints)
        w.fillTimeoutSeconds = UInt32(clamping: (l.fillTimeout?.nanoseconds ?? 0) / 1_000_000_000)
        for (symbol, i) in l.instruments {
            var m = TradebotV1.InstrumentLimits()
            m.maxOrderQuantity = i.maxOrderQuantity.wireText
            m.maxOrderNotional = i.maxOrderNotional.wireText
            m.maxPositionQuantity = i.maxPosition.wireText
            m.priceCollarFraction = fraction(i.priceCollarBasisPoints)
            w.instrumentLimits[symbol.value] = m
        }
        return w
    }

    /// `"0.015"` → 150 basis points; finer than a basis point, negative or above 1 is refused.
    static func basisPoints(_ text: String, field: String) throws(WireDecodingError) -> Int64? {
        guard !text.isEmpty else { return nil }
        let q = try Quantity(wire: text, field: field)
        let unit = FixedPoint.scale / 10_000
        guard q.raw >= 0, q.raw <= FixedPoint.scale else { throw .invalidValue(field: field, reason: "must be a fraction from 0 to 1") }
        guard q.raw % unit == 0 else { throw .invalidValue(field: field, reason: "finer than a basis point (0.0001)") }
        return q.raw / unit
    }

    static func nonNegative<V: FixedPointValue>(_ text: String, field: String) throws(WireDecodingError) -> V? {
        guard !text.isEmpty else { return nil }
        let v = try V(wire: text, field: field)
        guard v.raw >= 0 else { throw .invalidValue(field: field, reason: "must not be negative") }
        return v
    }

    static func instrumentLimits(_ w: TradebotV1.InstrumentLimits, prefix: String) throws(WireDecodingError) -> InstrumentRiskLimits {
        InstrumentRiskLimits(maxOrderQuantity: try nonNegative(w.maxOrderQuantity, field: prefix + "max_order_quantity"),
                             maxOrderNotional: try nonNegative(w.maxOrderNotional, field: prefix + "max_order_notional"),
                             maxPosition: try nonNegative(w.maxPositionQuantity, field: prefix + "max_position_quantity"),
                             priceCollarBasisPoints: try basisPoints(w.priceCollarFraction, field: prefix + "price_collar_fraction"))
    }

    static func domainLimits(_ w: TradebotV1.RiskLimits, base: RiskLimits) throws(WireDecodingError) -> RiskLimits {
        var l = base
        var defaults = base.defaults
        defaults.maxOrderQuantity = try nonNegative(w.maxOrderQuantity, field: "limits.max_order_quantity")
        defaults.maxOrderNotional = try nonNegative(w.maxOrderNotional, field: "limits.max_order_notional")
        defaults.maxPosition = try nonNegative(w.maxPositionQuantity, field: "limits.max_position_quantity")
        defaults.priceCollarBasisPoints = try basisPoints(w.priceCollarFraction, field: "limits.price_collar_fraction")
        l.defaults = defaults
        l.maxGrossExposure = try nonNegative(w.maxGrossExposure, field: "limits.max_gross_exposure")
        l.maxOpenOrders = w.maxOpenOrders == 0 ? nil : Int(w.maxOpenOrders)
        l.maxSubmitsPerSecond = w.maxOrdersPerSecond == 0 ? nil : Int(w.maxOrdersPerSecond)
        l.dailyLossLimit = try nonNegative(w.dailyLossLimit, field: "limits.daily_loss_limit")
        l.maxDrawdownBasisPoints = try basisPoints(w.maxDrawdownFraction, field: "limits.max_drawdown_fraction")
        if let r = try basisPoints(w.riskFractionPerTrade, field: "limits.risk_fraction_per_trade") {
            guard r > 0 else { throw .invalidValue(field: "limits.risk_fraction_per_trade", reason: "must be positive") }
            l.riskPerTradeBasisPoints = r
        }
        l.fillTimeout = w.fillTimeoutSeconds == 0 ? nil : .seconds(Int64(w.fillTimeoutSeconds))
        var instruments: [Symbol: InstrumentRiskLimits] = [:]
        for (symbol, m) in w.instrumentLimits {
            instruments[Symbol(symbol)] = try instrumentLimits(m, prefix: "limits.instrument_limits[\(symbol)].")
        }
        l.instruments = instruments
        return l
    }
}
