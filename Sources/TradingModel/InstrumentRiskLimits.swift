/// Per-instrument pre-trade limits. `nil` disables a check.
public struct InstrumentRiskLimits: Hashable, Sendable, Codable {
    public var maxOrderQuantity: Quantity?
    public var maxOrderNotional: Money?
    /// Largest absolute position the instrument may reach after the order fills.
    public var maxPosition: Quantity?
    /// A limit/stop price farther than this from the last price is refused (10 000 = 100 %).
    public var priceCollarBasisPoints: Int64?
    /// A limit/stop price farther than k × ATR from the last price is refused.
    public var priceCollarATRMultiple: Quantity?

    public init(maxOrderQuantity: Quantity? = nil, maxOrderNotional: Money? = nil, maxPosition: Quantity? = nil,
                priceCollarBasisPoints: Int64? = nil, priceCollarATRMultiple: Quantity? = nil) {
        self.maxOrderQuantity = maxOrderQuantity
        self.maxOrderNotional = maxOrderNotional
        self.maxPosition = maxPosition
        self.priceCollarBasisPoints = priceCollarBasisPoints
        self.priceCollarATRMultiple = priceCollarATRMultiple
    }
}
