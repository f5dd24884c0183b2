import Persistence
import Testing
import TradingModel

/// The hand-written encoder must write exactly the generic `Codable` encoder's bytes for every
/// event it handles, so both decoders and every existing journal keep working unchanged.
@Suite("Hand-written engine event payloads")
struct EngineEventPayloadEncoderTests {
    /// A seeded generator (SplitMix64), so a failure is reproducible from the printed seed.
    struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func chance() -> Bool { next() & 1 == 0 }
        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }

        /// Every varint width and both signs, including the extremes.
        mutating func int64() -> Int64 {
            switch next() % 6 {
            case 0: return pick([0, 1, -1, 63, -64, 64, 127, 128, Int64.max, Int64.min, Int64.min + 1])
            case 1: return Int64(bitPattern: next())
            case 2: return Int64(bitPattern: next()) >> Int64(next() % 63)
            default: return Int64(next() % 2_000_000_000_000) - 1_000_000_000_000
            }
        }

        mutating func uint64() -> UInt64 {
            chance() ? pick([0, 1, 127, 128, 16_383, 16_384, UInt64.max]) : next() >> (next() % 64)
        }

        /// Empty, ASCII, non-ASCII and long (two-byte length varint) strings.
        mutating func string() -> String {
            switch next() % 5 {
            case 0: return ""
            case 1: return pick(["EURUSD", "BTC-USD", "Zürich € 🚀", "a\u{0}b", "client-42"])
            case 2: return String(repeating: pick(["x", "é", "🚀"]), count: Int(next() % 200))
            default: return "id-\(next())"
            }
        }

        mutating func price() -> Price { Price(raw: int64()) }
        mutating func optionalPrice() -> Price? { chance() ? price() : nil }
        mutating func timestamp() -> Timestamp { Timestamp(nanoseconds: int64()) }
    }

    /// Same keys as `Order`'s synthesized `Codable`, to build orders with any value in the fields
    /// `Order` keeps `private(set)` (the generic encoder writes it, the generic decoder reads it
    /// back as an `Order`).
    struct OrderFields: Encodable {
        var id: OrderID, request: OrderRequest, createdAt: Timestamp, isExit: Bool, status: OrderStatus
        var filledQuantity: Quantity, filledCost: Money, updatedAt: Timestamp, fillTimedOut: Bool
    }

    /// The same for `Position`.
    struct PositionFields: Encodable {
        var symbol: Symbol, quantity: Quantity, costBasis: Money, realizedPnL: Money, commissions: Money
        var lastPrice: Price?, updatedAt: Timestamp
    }

    static func request(_ r: inout Random) -> OrderRequest {
        OrderRequest(
            clientOrderID: r.chance() ? ClientOrderID(r.string()) : nil,
            strategyID: r.chance() ? StrategyID(r.string()) : nil,
            symbol: Symbol(r.string()), side: r.pick(OrderSide.allCases), type: r.pick(OrderType.allCases),
            quantity: Quantity(raw: r.int64()), limitPrice: r.optionalPrice(), triggerPrice: r.optionalPrice(),
            trailingOffset: r.optionalPrice(), timeInForce: r.pick(TimeInForce.allCases), reduceOnly: r.chance(),
            bracket: r.chance() ? Bracket(stopLoss: r.optionalPrice(), takeProfit: r.optionalPrice(),
                                          trailingDistance: r.optionalPrice()) : nil)
    }

    static func order(_ r: inout Random) throws -> Order {
        let fields = OrderFields(id: OrderID(r.uint64()), request: request(&r), createdAt: r.timestamp(), isExit: r.chance(),
                                 status: r.pick(OrderStatus.allCases), filledQuantity: Quantity(raw: r.int64()),
                                 filledCost: Money(raw: r.int64()), updatedAt: r.timestamp(), fillTimedOut: r.chance())
        return try BinaryPayloadDecoder.decode(Order.self, from: try BinaryPayloadEncoder.encode(fields))
    }

    static func position(_ r: inout Random) throws -> Position {
        let fields = PositionFields(symbol: Symbol(r.string()), quantity: Quantity(raw: r.int64()),
                                    costBasis: Money(raw: r.int64()), realizedPnL: Money(raw: r.int64()),
                                    commissions: Money(raw: r.int64()), lastPrice: r.optionalPrice(), updatedAt: r.timestamp())
        return try BinaryPayloadDecoder.decode(Position.self, from: try BinaryPayloadEncoder.encode(fields))
    }

    /// One random event of each hand-written case.
    static func hotEvents(_ r: inout Random) throws -> [EngineEvent] {
        let fill = Fill(tradeID: TradeID(r.string()), orderID: OrderID(r.uint64()), symbol: Symbol(r.string()),
                        side: r.pick(OrderSide.allCases), quantity: Quantity(raw: r.int64()), price: r.price(),
                        commission: Money(raw: r.int64()), timestamp: r.timestamp())
        let filled = OrderFilled(fill: fill, order: try order(&r), position: try position(&r),
                                 realizedPnL: Money(raw: r.int64()), cash: Money(raw: r.int64()))
        return [.orderSubmitted(try order(&r)), .orderAccepted(try order(&r)), .orderCancelRequested(try order(&r)),
                .orderCancelled(try order(&r)), .orderExpired(try order(&r)), .orderStatusUnknown(try order(&r)),
                .positionChanged(try position(&r)), .orderFilled(filled)]
    }

    @Test("every hot case: the same bytes as the generic encoder, for 2,000 random events each")
    func sameBytes() throws {
        for seed in UInt64(1)...2_000 {
            var r = Random(state: seed)
            for event in try Self.hotEvents(&r) {
                let generic = try BinaryPayloadEncoder.encode(event)
                let fast = try #require(EngineEventPayloadEncoder.encode(event), "\(event.typeName) is hand-written")
                #expect(fast == generic, "seed \(seed), \(event.typeName)")
                if fast != generic { return }
                #expect(try BinaryPayloadDecoder.decode(EngineEvent.self, from: fast) == event)
            }
        }
    }

    @Test("absent and present optionals, an empty bracket, the extremes: the same bytes")
    func edges() throws {
        let bare = OrderRequest(symbol: "EURUSD", side: .buy, quantity: Quantity(raw: 1))
        var full = bare
        full.clientOrderID = "c-1"
        full.strategyID = "sma"
        full.limitPrice = Price(raw: Int64.min)
        full.triggerPrice = Price(raw: Int64.max)
        full.trailingOffset = Price(raw: 0)
        full.bracket = Bracket(stopLoss: Price(raw: -1), takeProfit: Price(raw: 1), trailingDistance: Price(raw: 128))
        var emptyBracket = bare
        emptyBracket.bracket = Bracket()
        for request in [bare, full, emptyBracket] {
            var order = Order(id: OrderID(UInt64.max), request: request, createdAt: Timestamp(nanoseconds: Int64.min), isExit: true)
            order.flagFillTimeout(at: Timestamp(nanoseconds: Int64.max))
            let events: [EngineEvent] = [.orderSubmitted(order), .orderCancelled(order), .positionChanged(Position(symbol: ""))]
            for event in events {
                #expect(EngineEventPayloadEncoder.encode(event) == (try BinaryPayloadEncoder.encode(event)))
            }
        }
    }

    @Test("other cases are left to the generic encoder (nothing written)")
    func fallback() throws {
        var r = Random(state: 7)
        let order = try Self.order(&r)
        let others: [EngineEvent] = [
            .orderRejected(OrderRejected(order: order, reason: "no")),
            .riskLimitsChanged(RiskLimits()),
        ]
        for event in others {
            #expect(EngineEventPayloadEncoder.encode(event) == nil)
            var writer = BinaryPayloadWriter()
            #expect(!EngineEventPayloadEncoder.encode(event, into: &writer))
            #expect(writer.bytes.isEmpty)
        }
    }
}
