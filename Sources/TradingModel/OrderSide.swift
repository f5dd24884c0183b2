/// Buy or sell.
public enum OrderSide: String, Hashable, Sendable, Codable, CaseIterable {
    case buy = "BUY"
    case sell = "SELL"

    public var opposite: OrderSide { self == .buy ? .sell : .buy }
    /// +1 for buy, -1 for sell.
    @inlinable public var sign: Int64 { self == .buy ? 1 : -1 }
}
