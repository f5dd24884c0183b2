import Persistence
import Testing
import TradingModel
@testable import TradingServices

/// The snapshot section is written by a hand-written encoder: its bytes must be exactly the
/// generic `Codable` encoding, so every existing snapshot and the decoder stay valid.
@Suite("Engine host snapshot encoding")
struct EngineHostSnapshotEncodingTests {
    static func snapshot(orders count: Int, full: Bool) throws -> EngineHostSnapshot {
        let orders = try original(orders: count)
        return try snapshot(orders: orders, full: full)
    }

    static func original(orders count: Int) throws -> [Order] {
        var orders: [Order] = []
        for n in 0..<count {
            var request = OrderRequest(symbol: n % 2 == 0 ? "EURUSD" : "Zürich-€", side: n % 3 == 0 ? .buy : .sell,
                                       type: n % 4 == 0 ? .market : .limit, quantity: Quantity(raw: Int64(n + 1) * 1_000),
                                       limitPrice: n % 4 == 0 ? nil : Price(raw: -Int64(n)), timeInForce: n % 5 == 0 ? .gtc : .ioc)
            if n % 7 == 0 { request.clientOrderID = ClientOrderID(String(repeating: "c", count: n % 300)) }
            if n % 11 == 0 { request.bracket = Bracket(takeProfit: Price(raw: Int64.max)) }
            var order = Order(id: OrderID(UInt64(n) * 977), request: request, createdAt: Timestamp(nanoseconds: Int64(n) - 50),
                              isExit: n % 13 == 0, status: n % 2 == 0 ? .accepted : .pendingNew)
            if n % 2 == 0 { try order.recordFill(quantity: Quantity(raw: 500), price: Price(raw: 3), at: Timestamp(nanoseconds: 7)) }
            if n % 9 == 0 { order.flagFillTimeout(at: Timestamp(nanoseconds: Int64.min)) }
            orders.append(order)
        }
        return orders
    }

    static func snapshot(orders: [Order], full: Bool) throws -> EngineHostSnapshot {
        let count = orders.count
        var position = Position(symbol: "EURUSD")
        try position.apply(Fill(tradeID: "T-1", orderID: OrderID(1), symbol: "EURUSD", side: .buy, quantity: Quantity(raw: 500),
                                price: Price(raw: 3), commission: Money(raw: 1), timestamp: Timestamp(nanoseconds: 7)),
                           multiplier: Quantity(raw: 100_000_000))
        let engine = EngineSnapshot(
            sequence: UInt64(count) * 3, nextOrderID: UInt64(count) * 977 + 1, takenAt: Timestamp(nanoseconds: 123),
            cash: Money(raw: -5), peakEquity: Money(raw: Int64.max), dayStartEquity: Money(raw: 0),
            currentDay: full ? 20_000 : nil, limits: RiskLimits(), orders: orders,
            tradeIDs: full ? ["T-1", "T-2"] : [], positions: full ? [position, Position(symbol: "GBPUSD")] : [],
            markets: full ? [EngineSnapshot.Market(symbol: "EURUSD", lastPrice: Price(raw: 9), lastUpdate: nil,
                                                   stops: PositionStops(stopLoss: Price(raw: 1)))] : [],
            restrictions: full ? [EngineSnapshot.Restriction(scope: .instrument("EURUSD"), source: .admin, state: .halted,
                                                             principal: "admin")] : [],
            breakers: full ? [EngineSnapshot.Breaker(kind: .volatility, scope: .account, trippedAt: Timestamp(nanoseconds: 1))] : [],
            finishedOrderIDs: full ? [OrderID(977)] : [])
        let sequences = orders.enumerated().map { ($0.element.id, Int64($0.offset) * 3 + 1) }
        return EngineHostSnapshot(through: Int64(count) * 3, engine: engine, orderSequence: EngineHostSnapshot.pack(sequences),
                                  limitsVersion: full ? 4 : 0)
    }

    static func orders(_ snapshot: EngineHostSnapshot) throws -> [Order] { try snapshot.restoredEngine().orders }

    @Test("the hand-written snapshot bytes equal the generic encoding, and decode back", arguments: [0, 1, 40, 1_500])
    func sameBytes(orders: Int) throws {
        for full in [false, true] {
            let snapshot = try Self.snapshot(orders: orders, full: full)
            #expect(snapshot.packedOrders != nil && snapshot.engine.orders.isEmpty)
            let data = try snapshot.encoded()
            #expect(data.format == "engine-host/3")
            #expect(data.data == (try BinaryPayloadEncoder.encode(snapshot)), "\(orders) orders, full: \(full)")
            let section = SnapshotSection(name: EngineHostSnapshot.section, format: data.format, through: snapshot.through,
                                          data: data.data)
            let decoded = try EngineHostSnapshot.decode(section)
            #expect(decoded == snapshot)
            #expect(try Self.orders(decoded).count == orders)
        }
    }

    @Test("packed orders restore exactly (every optional, fill state, non-ASCII, extremes)")
    func packedOrdersRoundTrip() throws {
        let snapshot = try Self.snapshot(orders: 1_500, full: true)
        let original = try Self.original(orders: 1_500)
        #expect(try Self.orders(snapshot) == original)
        // About 7x smaller than the same orders in the generic format.
        let generic = try BinaryPayloadEncoder.encode(original)
        #expect((snapshot.packedOrders?.count ?? .max) * 4 < generic.count)
    }

    @Test("every side, type, time in force and status has its own code")
    func everyKind() throws {
        var orders: [Order] = []
        for status in OrderStatus.allCases {
            for type in OrderType.allCases {
                for tif in TimeInForce.allCases {
                    for side in OrderSide.allCases {
                        let request = OrderRequest(symbol: orders.count % 3 == 0 ? "A" : "B", side: side, type: type,
                                                   quantity: Quantity(raw: 1), timeInForce: tif, reduceOnly: orders.count % 2 == 0)
                        orders.append(Order(id: OrderID(UInt64(orders.count)), request: request,
                                            createdAt: Timestamp(nanoseconds: Int64.max - Int64(orders.count)), status: status))
                    }
                }
            }
        }
        #expect(try PackedOrders.unpack(PackedOrders.pack(orders)) == orders)
    }

    @Test("a format 2 section (orders inline) is still read, and written with the same bytes as the generic encoder")
    func previousFormat() throws {
        var old = try Self.snapshot(orders: 40, full: true)
        old.engine.orders = try Self.original(orders: 40)
        old.packedOrders = nil
        let data = try old.encoded()
        #expect(data.format == "engine-host/2")
        #expect(data.data == (try BinaryPayloadEncoder.encode(old)))
        let decoded = try EngineHostSnapshot.decode(SnapshotSection(name: EngineHostSnapshot.section, format: data.format,
                                                                    through: old.through, data: data.data))
        #expect(try Self.orders(decoded) == (try Self.original(orders: 40)))
        // A section whose format disagrees with its content is refused.
        #expect(throws: (any Error).self) {
            try EngineHostSnapshot.decode(SnapshotSection(name: EngineHostSnapshot.section, format: "engine-host/3",
                                                          through: old.through, data: data.data))
        }
    }

    @Test("damaged packed orders are refused with an error, never a crash or wrong orders")
    func damagedPackedOrders() throws {
        let snapshot = try Self.snapshot(orders: 30, full: false)
        let packed = try #require(snapshot.packedOrders)
        var refused = 0
        for cut in stride(from: 0, to: packed.count, by: 7) {
            do {
                _ = try PackedOrders.unpack(Array(packed[..<cut]))
            } catch { refused += 1 }
        }
        #expect(refused == (packed.count + 6) / 7, "every truncation is refused")
        var r: UInt64 = 99
        for _ in 0..<500 {
            r = r &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var damaged = packed
            damaged[Int(r >> 33) % damaged.count] ^= UInt8(truncatingIfNeeded: r >> 13) | 1
            if let orders = try? PackedOrders.unpack(damaged) { #expect(orders.count <= 30) }
        }
        #expect(throws: (any Error).self) { try PackedOrders.unpack(packed + [0]) }
    }
}
