import Testing
import TradingModel

/// The model's SplitMix64 with the draws these tests need.
private struct Seeded {
    var generator: SplitMix64
    init(state: UInt64) { generator = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { generator.next() }
    mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}

@Suite("Positions and P&L")
struct PositionPropertyTests {
    static let tick: Int64 = 1_000  // 0.00001

    @Test("random fills: position = Σ fills, realized + unrealized = equity change, nothing drifts",
          arguments: [1, 2, 3, 42, 1234, 99999] as [UInt64])
    func property(seed: UInt64) throws {
        var rng = Seeded(state: seed)
        let multiplier = try Quantity(rng.int(0...1) == 0 ? "1" : "100")
        var position = Position(symbol: "X")
        var cash: Int128 = 0
        var sumFills: Int64 = 0
        var fees: Int128 = 0
        var price: Int64 = 107_000_000  // 1.07
        for k in 0..<500 {
            price = max(Self.tick, price + rng.int(-50...50) * Self.tick)
            let qty = rng.int(1...5_000) * FixedPoint.scale
            let side: OrderSide = rng.int(0...1) == 0 ? .buy : .sell
            let fee = Money(raw: rng.int(0...300) * 1_000_000)
            let fill = Fill(tradeID: TradeID("t\(k)"), orderID: OrderID(1), symbol: "X", side: side,
                            quantity: Quantity(raw: qty), price: Price(raw: price), commission: fee,
                            timestamp: Timestamp(nanoseconds: Int64(k)))
            try position.apply(fill, multiplier: multiplier)
            sumFills += side == .buy ? qty : -qty
            let flow = try Price(raw: price).notional(fill.signedQuantity, multiplier: multiplier)
            cash -= Int128(flow.raw)
            fees += Int128(fee.raw)

            #expect(position.quantity.raw == sumFills)
            // Equity change = cash flows + mark value − fees = realized + unrealized − fees, exactly.
            let mark = Int128(try position.marketValue(multiplier: multiplier).raw)
            let equityChange = cash + mark
            let pnl = Int128(position.realizedPnL.raw) + Int128(try position.unrealizedPnL(multiplier: multiplier).raw)
            #expect(equityChange == pnl)
            #expect(Int128(position.commissions.raw) == fees)
            if position.quantity.isZero { #expect(position.costBasis == .zero) }
        }
        // Closing everything leaves only realized P&L, equal to the cash result.
        if !position.quantity.isZero {
            let q = position.quantity
            let close = Fill(tradeID: "close", orderID: OrderID(1), symbol: "X", side: q.isPositive ? .sell : .buy,
                             quantity: Quantity(raw: abs(q.raw)), price: Price(raw: price), commission: .zero,
                             timestamp: Timestamp(nanoseconds: 1_000))
            try position.apply(close, multiplier: multiplier)
            cash -= Int128(try Price(raw: price).notional(close.signedQuantity, multiplier: multiplier).raw)
        }
        #expect(position.quantity.isZero)
        #expect(position.costBasis.isZero)
        #expect(Int128(position.realizedPnL.raw) == cash)
    }

    @Test("flipping long to short realizes the long and opens the short at the fill price")
    func flip() throws {
        var p = Position(symbol: "X")
        let one = try Quantity("1")
        func fill(_ side: OrderSide, _ q: String, _ px: String) throws -> Fill {
            Fill(tradeID: TradeID(q + px), orderID: OrderID(1), symbol: "X", side: side, quantity: try Quantity(q),
                 price: try Price(px), commission: .zero, timestamp: .zero)
        }
        try p.apply(try fill(.buy, "10", "100"), multiplier: one)
        try p.apply(try fill(.buy, "10", "110"), multiplier: one)
        #expect(p.averageEntryPrice(multiplier: one) == (try Price("105")))
        let realized = try p.apply(try fill(.sell, "25", "120"), multiplier: one)
        #expect(realized == (try Money("300")))  // 20 × (120 − 105)
        #expect(p.quantity == (try Quantity("-5")))
        #expect(p.costBasis == (try Money("-600")))
        #expect(p.averageEntryPrice(multiplier: one) == (try Price("120")))
        let realized2 = try p.apply(try fill(.buy, "5", "118"), multiplier: one)
        #expect(realized2 == (try Money("10")))  // short 5 from 120 to 118
        #expect(p.isFlat)
        #expect(p.realizedPnL == (try Money("310")))
    }

    @Test("partial closes of an odd cost basis never lose a raw unit")
    func noDrift() throws {
        var p = Position(symbol: "X")
        let one = try Quantity("1")
        p.mark(try Price("1"), at: .zero)
        try p.apply(Fill(tradeID: "a", orderID: OrderID(1), symbol: "X", side: .buy, quantity: try Quantity("3"),
                         price: try Price("0.00001"), commission: .zero, timestamp: .zero), multiplier: one)
        try p.apply(Fill(tradeID: "b", orderID: OrderID(1), symbol: "X", side: .buy, quantity: try Quantity("3"),
                         price: try Price("0.00002"), commission: .zero, timestamp: .zero), multiplier: one)
        var realized = Money.zero
        for k in 0..<6 {
            realized = try realized.adding(try p.apply(
                Fill(tradeID: TradeID("s\(k)"), orderID: OrderID(1), symbol: "X", side: .sell, quantity: try Quantity("1"),
                     price: try Price("0.00003"), commission: .zero, timestamp: .zero), multiplier: one))
        }
        // Bought for 0.00009, sold for 0.00018: exactly 0.00009 realized.
        #expect(p.isFlat)
        #expect(realized == (try Money("0.00009")))
        #expect(p.realizedPnL == realized)
    }
}
