import Persistence
import TradingModel

/// The snapshot's order list packed by hand (snapshot format `engine-host/3`).
///
/// Why: the engine retains up to 100,000 orders and the snapshot carries all of them. In the
/// self-describing binary payload format an order took about 440 bytes (every field name, a keyed
/// container per price and time); packed it takes about 30. The snapshot is written by the
/// journal's writer thread in one transaction, and every order waiting for its durable commit
/// waits for that write: with 25 MB snapshots that was the 80–400 ms latency burst of
/// `scripts/bench-trading`. Smaller snapshots make that write (and the encoding) proportionally
/// shorter.
///
/// Layout: varint symbol count, the symbols (varint length, UTF-8); varint order count; per order:
/// varint id; flags (u8: client order id, strategy id, limit, trigger, trailing offset, bracket,
/// reduce-only, exit); more flags (u8: fill timed out, stop loss, take profit, trailing distance);
/// kinds (u8: side bit 0, time in force bits 1-2, type bits 3-5); status (u8); varint symbol
/// index; the present strings (client order id, strategy id); zigzag varints: quantity, the
/// present prices and bracket prices, created at, filled quantity, filled cost, and updated at
/// minus created at. Enum values use the fixed codes of `code(_:)`, not their case order, so
/// reordering cases cannot change what a stored snapshot means.
enum PackedOrders {
    static func pack(_ orders: [Order]) -> [UInt8] {
        var symbols: [String: Int] = [:]
        var symbolList: [String] = []
        for o in orders where symbols[o.request.symbol.value] == nil {
            symbols[o.request.symbol.value] = symbolList.count
            symbolList.append(o.request.symbol.value)
        }
        var out: [UInt8] = []
        out.reserveCapacity(orders.count * 40 + symbolList.count * 16 + 8)
        varint(UInt64(symbolList.count), &out)
        for symbol in symbolList { string(symbol, &out) }
        varint(UInt64(orders.count), &out)
        for o in orders {
            let r = o.request
            varint(o.id.value, &out)
            var flags: UInt8 = 0
            if r.clientOrderID != nil { flags |= 1 }
            if r.strategyID != nil { flags |= 2 }
            if r.limitPrice != nil { flags |= 4 }
            if r.triggerPrice != nil { flags |= 8 }
            if r.trailingOffset != nil { flags |= 16 }
            if r.bracket != nil { flags |= 32 }
            if r.reduceOnly { flags |= 64 }
            if o.isExit { flags |= 128 }
            var more: UInt8 = o.fillTimedOut ? 1 : 0
            if r.bracket?.stopLoss != nil { more |= 2 }
            if r.bracket?.takeProfit != nil { more |= 4 }
            if r.bracket?.trailingDistance != nil { more |= 8 }
            out.append(flags)
            out.append(more)
            out.append(code(r.side) | code(r.timeInForce) << 1 | code(r.type) << 3)
            out.append(code(o.status))
            varint(UInt64(symbols[r.symbol.value] ?? 0), &out)
            if let id = r.clientOrderID { string(id.value, &out) }
            if let id = r.strategyID { string(id.value, &out) }
            signed(r.quantity.raw, &out)
            for price in [r.limitPrice, r.triggerPrice, r.trailingOffset, r.bracket?.stopLoss, r.bracket?.takeProfit,
                          r.bracket?.trailingDistance] {
                if let price { signed(price.raw, &out) }
            }
            signed(o.createdAt.nanoseconds, &out)
            signed(o.filledQuantity.raw, &out)
            signed(o.filledCost.raw, &out)
            signed(o.updatedAt.nanoseconds &- o.createdAt.nanoseconds, &out)
        }
        return out
    }

    static func unpack(_ bytes: [UInt8]) throws(EngineHostSnapshot.Unreadable) -> [Order] {
        var c = Cursor(bytes: bytes)
        let symbolCount = try c.varint()
        guard symbolCount <= UInt64(bytes.count) else { throw c.damaged("symbol count \(symbolCount)") }
        var symbols: [Symbol] = []
        for _ in 0..<symbolCount { symbols.append(Symbol(try c.string())) }
        let count = try c.varint()
        // Each order takes at least 11 bytes: a damaged count must not reserve gigabytes.
        guard count <= UInt64(bytes.count / 11) else { throw c.damaged("order count \(count)") }
        var w = BinaryPayloadWriter(capacity: Int(count) * 300 + 16)
        let list = w.beginUnkeyed()
        for _ in 0..<count {
            let id = OrderID(try c.varint())
            let flags = try c.byte()
            let more = try c.byte()
            let kinds = try c.byte()
            guard let side = side(kinds & 1), let timeInForce = timeInForce(kinds >> 1 & 3), let type = type(kinds >> 3),
                  let status = status(try c.byte())
            else { throw c.damaged("unknown side, time in force, type or status") }
            let index = try c.varint()
            guard index < UInt64(symbols.count) else { throw c.damaged("symbol \(index) of \(symbols.count)") }
            let symbol = symbols[Int(index)]
            let clientOrderID = flags & 1 != 0 ? ClientOrderID(try c.string()) : nil
            let strategyID = flags & 2 != 0 ? StrategyID(try c.string()) : nil
            let quantity = Quantity(raw: try c.signed())
            let limit = flags & 4 != 0 ? Price(raw: try c.signed()) : nil
            let trigger = flags & 8 != 0 ? Price(raw: try c.signed()) : nil
            let trailing = flags & 16 != 0 ? Price(raw: try c.signed()) : nil
            var bracket: Bracket?
            if flags & 32 != 0 {
                bracket = Bracket(stopLoss: more & 2 != 0 ? Price(raw: try c.signed()) : nil,
                                  takeProfit: more & 4 != 0 ? Price(raw: try c.signed()) : nil,
                                  trailingDistance: more & 8 != 0 ? Price(raw: try c.signed()) : nil)
            } else if more & 14 != 0 {
                throw c.damaged("bracket prices without a bracket")
            }
            let request = OrderRequest(clientOrderID: clientOrderID, strategyID: strategyID, symbol: symbol, side: side,
                                       type: type, quantity: quantity, limitPrice: limit, triggerPrice: trigger,
                                       trailingOffset: trailing, timeInForce: timeInForce, reduceOnly: flags & 64 != 0,
                                       bracket: bracket)
            let createdAt = Timestamp(nanoseconds: try c.signed())
            let filledQuantity = Quantity(raw: try c.signed())
            let filledCost = Money(raw: try c.signed())
            let updatedAt = Timestamp(nanoseconds: createdAt.nanoseconds &+ (try c.signed()))
            EngineEventPayloadEncoder.encodeOrder(id: id, request: request, createdAt: createdAt, isExit: flags & 128 != 0,
                                                  status: status, filledQuantity: filledQuantity, filledCost: filledCost,
                                                  updatedAt: updatedAt, fillTimedOut: more & 1 != 0, into: &w)
        }
        guard c.offset == bytes.count else { throw c.damaged("\(bytes.count - c.offset) bytes after the last order") }
        w.end(list, count: Int(count))
        // `Order` keeps its fill state private to its own decoder: rebuilt through it, in one pass.
        do {
            return try BinaryPayloadDecoder.decode([Order].self, from: w.bytes)
        } catch {
            throw EngineHostSnapshot.Unreadable(description: "packed orders: \(error)")
        }
    }

    // MARK: fixed codes (never renumber; a new case gets a new code)

    private static func code(_ side: OrderSide) -> UInt8 {
        switch side {
        case .buy: 0
        case .sell: 1
        }
    }

    private static func side(_ code: UInt8) -> OrderSide? {
        switch code {
        case 0: .buy
        case 1: .sell
        default: nil
        }
    }

    private static func code(_ tif: TimeInForce) -> UInt8 {
        switch tif {
        case .gtc: 0
        case .ioc: 1
        case .fok: 2
        case .day: 3
        }
    }

    private static func timeInForce(_ code: UInt8) -> TimeInForce? {
        switch code {
        case 0: .gtc
        case 1: .ioc
        case 2: .fok
        case 3: .day
        default: nil
        }
    }

    private static func code(_ type: OrderType) -> UInt8 {
        switch type {
        case .market: 0
        case .limit: 1
        case .stop: 2
        case .stopLimit: 3
        case .trailingStop: 4
        }
    }

    private static func type(_ code: UInt8) -> OrderType? {
        switch code {
        case 0: .market
        case 1: .limit
        case 2: .stop
        case 3: .stopLimit
        case 4: .trailingStop
        default: nil
        }
    }

    private static func code(_ status: OrderStatus) -> UInt8 {
        switch status {
        case .pendingNew: 0
        case .accepted: 1
        case .partiallyFilled: 2
        case .filled: 3
        case .rejected: 4
        case .pendingCancel: 5
        case .cancelled: 6
        case .expired: 7
        case .unknown: 8
        }
    }

    private static func status(_ code: UInt8) -> OrderStatus? {
        switch code {
        case 0: .pendingNew
        case 1: .accepted
        case 2: .partiallyFilled
        case 3: .filled
        case 4: .rejected
        case 5: .pendingCancel
        case 6: .cancelled
        case 7: .expired
        case 8: .unknown
        default: nil
        }
    }

    private static func varint(_ value: UInt64, _ out: inout [UInt8]) {
        EngineHostSnapshot.varint(value, into: &out)
    }

    private static func signed(_ value: Int64, _ out: inout [UInt8]) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), &out)
    }

    private static func string(_ value: String, _ out: inout [UInt8]) {
        var s = value
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count), &out)
            out.append(contentsOf: utf8)
        }
    }

    /// Bounds-checked reading; every problem is `Unreadable` naming the byte.
    private struct Cursor {
        let bytes: [UInt8]
        var offset = 0

        func damaged(_ what: String) -> EngineHostSnapshot.Unreadable {
            EngineHostSnapshot.Unreadable(description: "packed orders damaged at byte \(offset): \(what)")
        }

        mutating func byte() throws(EngineHostSnapshot.Unreadable) -> UInt8 {
            guard offset < bytes.count else { throw damaged("truncated") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws(EngineHostSnapshot.Unreadable) -> UInt64 {
            try EngineHostSnapshot.readVarint(bytes, &offset)
        }

        mutating func signed() throws(EngineHostSnapshot.Unreadable) -> Int64 {
            let v = try varint()
            return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        }

        mutating func string() throws(EngineHostSnapshot.Unreadable) -> String {
            let n = try varint()
            guard n <= UInt64(bytes.count - offset) else { throw damaged("string of \(n) bytes") }
            let end = offset + Int(n)
            guard let s = String(validating: bytes[offset..<end], as: UTF8.self) else { throw damaged("invalid UTF-8") }
            offset = end
            return s
        }
    }
}
