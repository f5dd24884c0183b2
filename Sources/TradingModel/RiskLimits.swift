/// Every risk limit, sizing rule, circuit-breaker threshold and timeout of one account.
///
/// A value type so it can be journaled (`RiskLimitsChanged`), compared and sent over
/// the wire; `nil` disables the corresponding check. Fractions are basis points
/// (integers) and multiples are exact decimals: no floating point anywhere.
public struct RiskLimits: Hashable, Sendable, Codable {
    /// Applied to instruments without their own entry in `instruments`.
    public var defaults: InstrumentRiskLimits
    public var instruments: [Symbol: InstrumentRiskLimits]
    /// Σ |position notional| after the order, plus open orders' notional.
    public var maxGrossExposure: Money?
    public var maxOpenOrders: Int?
    /// Submits per rolling second for the whole account.
    public var maxSubmitsPerSecond: Int?
    /// Submits per rolling second for each strategy.
    public var maxSubmitsPerSecondPerStrategy: Int?
    /// Loss from the day's starting equity that triggers `dailyLossAction`.
    public var dailyLossLimit: Money?
    public var dailyLossAction: TradingState
    /// Drawdown from peak equity (basis points) that triggers `drawdownAction`.
    public var maxDrawdownBasisPoints: Int64?
    public var drawdownAction: TradingState

    /// Sizing: fraction of equity risked per trade (100 = 1 %).
    public var riskPerTradeBasisPoints: Int64
    /// Sizing: ATR look-back in bars.
    public var atrPeriod: Int
    /// Sizing: stop distance = multiple × ATR.
    public var stopATRMultiple: Quantity
    /// Sizing: position notional is capped at equity × this.
    public var maxLeverage: Quantity?

    /// Volatility breaker: a move of more than `volatilityThresholdBasisPoints` within `volatilityWindow`.
    public var volatilityThresholdBasisPoints: Int64?
    public var volatilityWindow: TimeSpan
    /// Consecutive broker rejections that trip the rejection breaker.
    public var maxConsecutiveRejections: Int?
    /// An instrument without market data for this long trips the stale-data breaker.
    public var staleDataAfter: TimeSpan?
    /// Breakers with a rule-based reset (volatility, consecutive rejections) reset after this
    /// quiet period; `nil` means only an admin resets them.
    public var breakerCooldown: TimeSpan?

    /// A PENDING_NEW order without broker acknowledgement for this long becomes UNKNOWN.
    public var ackTimeout: TimeSpan?
    /// An accepted order not completely filled within this time raises `FillTimeout`.
    public var fillTimeout: TimeSpan?
    public var fillTimeoutAction: FillTimeoutAction
    /// Window of the rolling rejection and fill-timeout rates.
    public var rateWindow: TimeSpan

    public init(defaults: InstrumentRiskLimits = InstrumentRiskLimits(),
                instruments: [Symbol: InstrumentRiskLimits] = [:],
                maxGrossExposure: Money? = nil, maxOpenOrders: Int? = nil,
                maxSubmitsPerSecond: Int? = nil, maxSubmitsPerSecondPerStrategy: Int? = nil,
                dailyLossLimit: Money? = nil, dailyLossAction: TradingState = .halted,
                maxDrawdownBasisPoints: Int64? = nil, drawdownAction: TradingState = .reducing,
                riskPerTradeBasisPoints: Int64 = 100, atrPeriod: Int = 14,
                stopATRMultiple: Quantity = Quantity(raw: 2 * FixedPoint.scale), maxLeverage: Quantity? = nil,
                volatilityThresholdBasisPoints: Int64? = nil, volatilityWindow: TimeSpan = .minutes(5),
                maxConsecutiveRejections: Int? = nil, staleDataAfter: TimeSpan? = nil,
                breakerCooldown: TimeSpan? = nil,
                ackTimeout: TimeSpan? = nil, fillTimeout: TimeSpan? = nil,
                fillTimeoutAction: FillTimeoutAction = .flag, rateWindow: TimeSpan = .hours(1)) {
        self.defaults = defaults
        self.instruments = instruments
        self.maxGrossExposure = maxGrossExposure
        self.maxOpenOrders = maxOpenOrders
        self.maxSubmitsPerSecond = maxSubmitsPerSecond
        self.maxSubmitsPerSecondPerStrategy = maxSubmitsPerSecondPerStrategy
        self.dailyLossLimit = dailyLossLimit
        self.dailyLossAction = dailyLossAction
        self.maxDrawdownBasisPoints = maxDrawdownBasisPoints
        self.drawdownAction = drawdownAction
        self.riskPerTradeBasisPoints = riskPerTradeBasisPoints
        self.atrPeriod = atrPeriod
        self.stopATRMultiple = stopATRMultiple
        self.maxLeverage = maxLeverage
        self.volatilityThresholdBasisPoints = volatilityThresholdBasisPoints
        self.volatilityWindow = volatilityWindow
        self.maxConsecutiveRejections = maxConsecutiveRejections
        self.staleDataAfter = staleDataAfter
        self.breakerCooldown = breakerCooldown
        self.ackTimeout = ackTimeout
        self.fillTimeout = fillTimeout
        self.fillTimeoutAction = fillTimeoutAction
        self.rateWindow = rateWindow
    }

    /// The limits that apply to `symbol`.
    @inlinable
    public func limits(for symbol: Symbol) -> InstrumentRiskLimits { instruments[symbol] ?? defaults }
}
