import TradingModel

/// Rolling rates over `RiskLimits.rateWindow`, for the SLA metrics
/// (`rejected_rate`, `fill_timeout_rate`).
public struct EngineRates: Hashable, Sendable {
    /// Orders submitted or denied in the window.
    public let orders: Int
    /// Risk denials plus broker rejections in the window.
    public let rejections: Int
    /// Orders the broker accepted in the window.
    public let accepted: Int
    public let fillTimeouts: Int

    /// rejections / orders (0 when there were none).
    public var rejectionRate: Double { orders == 0 ? 0 : Double(rejections) / Double(orders) }
    /// fill timeouts / accepted orders (0 when there were none).
    public var fillTimeoutRate: Double { accepted == 0 ? 0 : Double(fillTimeouts) / Double(accepted) }
}
