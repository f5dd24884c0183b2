import TradingModel

/// Behaviour of the simulated broker; every random draw comes from `seed`.
public struct PaperBrokerConfig: Hashable, Sendable, Codable {
    public var seed: UInt64
    /// Delay between submit and the ACCEPTED / REJECTED report (and for cancels).
    public var ackLatency: TimeSpan
    /// Minimum time after acceptance before an order can fill.
    public var fillDelay: TimeSpan
    /// Adverse slippage, in ticks, on market and stop fills.
    public var slippageTicks: Int64
    /// Largest share of a bar's volume one order may take (10 000 = all); nil = unlimited.
    public var participationBasisPoints: Int64?
    /// Probability that a submit is rejected, in basis points.
    public var rejectBasisPoints: Int64
    /// Commission as a rate of notional in basis points (exact decimal, e.g. 0.2).
    public var commissionBasisPoints: Quantity
    /// Commission per fill is at least this.
    public var minimumCommission: Money
    /// Commissions are rounded half away from zero to this many decimals (cents).
    public var commissionDecimals: Int

    public init(seed: UInt64 = 42, ackLatency: TimeSpan = .milliseconds(20), fillDelay: TimeSpan = .zero,
                slippageTicks: Int64 = 0, participationBasisPoints: Int64? = nil, rejectBasisPoints: Int64 = 0,
                commissionBasisPoints: Quantity = .zero, minimumCommission: Money = .zero, commissionDecimals: Int = 2) {
        self.seed = seed
        self.ackLatency = ackLatency
        self.fillDelay = fillDelay
        self.slippageTicks = slippageTicks
        self.participationBasisPoints = participationBasisPoints
        self.rejectBasisPoints = rejectBasisPoints
        self.commissionBasisPoints = commissionBasisPoints
        self.minimumCommission = minimumCommission
        self.commissionDecimals = commissionDecimals
    }
}
