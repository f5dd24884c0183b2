import TradingModel

/// Simple-average true range over a fixed period, in exact raw price units.
///
/// The average is truncated to the raw unit: ATR is a statistic used for sizing and
/// collars, and truncation is deterministic. No allocation after construction.
public struct AverageTrueRange: Sendable {
    private var ranges: [Int64]
    private var index = 0
    private var filled = 0
    private var sum: Int64 = 0
    private var previousClose: Int64?

    public init(period: Int) {
        ranges = Array(repeating: 0, count: max(1, period))
    }

    public var period: Int { ranges.count }

    /// The ATR once `period` bars were seen, else nil.
    public var value: Price? {
        filled == ranges.count ? Price(raw: sum / Int64(ranges.count)) : nil
    }

    public mutating func update(high: Price, low: Price, close: Price) {
        var tr = high.raw &- low.raw
        if let pc = previousClose {
            tr = max(tr, Price(raw: high.raw &- pc).saturatingMagnitude.raw, Price(raw: low.raw &- pc).saturatingMagnitude.raw)
        }
        previousClose = close.raw
        if filled == ranges.count {
            sum &-= ranges[index]
        } else {
            filled += 1
        }
        ranges[index] = tr
        sum &+= tr
        index = (index + 1) % ranges.count
    }
}
