import TradingModel

/// A failed pre-trade check: the machine-readable reason and a human detail.
public struct RiskDenial: Hashable, Sendable {
    public let reason: RiskRejectReason
    public let detail: String
    public init(_ reason: RiskRejectReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
