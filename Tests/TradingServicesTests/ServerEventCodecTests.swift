import Persistence
import Testing
import TradingModel
import TradingServices

/// The codec writes the hot engine events with the hand-written encoder: the journal bytes must be
/// exactly the generic `Codable` bytes of the whole `ServerEvent` (the `engine` wrapper included).
@Suite("Server event codec")
struct ServerEventCodecTests {
    static func order(_ n: UInt64, _ request: OrderRequest) -> Order {
        Order(id: OrderID(n), request: request, createdAt: Timestamp(nanoseconds: Int64(n) * 1_000_003), status: .accepted)
    }

    static func events() throws -> [ServerEvent] {
        var events: [ServerEvent] = []
        for n in UInt64(1)...200 {
            var request = OrderRequest(symbol: n % 3 == 0 ? "EURUSD" : "GBPUSD", side: n % 2 == 0 ? .buy : .sell,
                                       type: .limit, quantity: Quantity(raw: Int64(n) * 100_000_000),
                                       limitPrice: Price(raw: 50_000_000 + Int64(n)), timeInForce: .ioc)
            if n % 4 == 0 { request.clientOrderID = ClientOrderID("c-\(n)") }
            if n % 5 == 0 { request.bracket = Bracket(stopLoss: Price(raw: 1)) }
            var order = order(n, request)
            let position = Position(symbol: request.symbol)
            events.append(.engine(.orderSubmitted(order)))
            events.append(.engine(.orderCancelled(order)))
            try order.recordFill(quantity: Quantity(raw: 100_000_000), price: Price(raw: 50_000_000), at: Timestamp(nanoseconds: 9))
            let fill = Fill(tradeID: TradeID("T-\(n)"), orderID: order.id, symbol: order.symbol, side: order.side,
                            quantity: Quantity(raw: 100_000_000), price: Price(raw: 50_000_000),
                            commission: Money(raw: Int64(n)), timestamp: Timestamp(nanoseconds: 9))
            events.append(.engine(.orderFilled(OrderFilled(fill: fill, order: order, position: position,
                                                           realizedPnL: Money(raw: -Int64(n)), cash: Money(raw: Int64(n) << 20)))))
            events.append(.engine(.positionChanged(position)))
            events.append(.engine(.orderRejected(OrderRejected(order: order, reason: "not hand-written"))))
        }
        return events
    }

    @Test("hot and other engine events: the journal payload is the generic v2 encoding, and decodes back")
    func sameBytesAsGeneric() throws {
        let codec = ServerEventCodec()
        for event in try Self.events() {
            let (version, bytes) = try codec.encodePayload(event)
            #expect(version == 2)
            #expect(bytes == (try BinaryPayloadEncoder.encode(event)), "\(event.typeName)")
            #expect(try codec.decode(typeName: event.typeName, payloadVersion: version, payload: bytes) == event)
        }
    }
}
