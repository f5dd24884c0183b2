import Foundation
import TradingProtocol

/// Display forms of wire messages shared by the commands (names without the proto prefixes).
enum WireFormatting {
    static func time(_ t: GoogleProtobuf.Timestamp?) -> String {
        guard let t else { return "" }
        let date = Date(timeIntervalSince1970: Double(t.seconds) + Double(t.nanos) / 1e9)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// `ORDER_STATUS_PARTIALLY_FILLED` style enums print as their Swift case, upper-snake.
    static func name(_ value: some Any) -> String {
        let text = "\(value)"
        var out = ""
        for ch in text {
            if ch.isUppercase { out += "_" }
            out += ch.uppercased()
        }
        return out
    }

    static func orderRow(_ o: TradebotV1.Order) -> [String] {
        [o.orderID, o.clientOrderID, o.symbol, name(o.side), name(o.type), o.quantity, o.filledQuantity,
         o.limitPrice, o.averageFillPrice, name(o.status), "\(o.sequence)"]
    }
    static let orderHeaders = ["ORDER", "CLIENT_ID", "SYMBOL", "SIDE", "TYPE", "QTY", "FILLED", "LIMIT", "AVG_PRICE",
                               "STATUS", "SEQ"]

    static func orderJSON(_ o: TradebotV1.Order) -> [String: Any] {
        ["order_id": o.orderID, "client_order_id": o.clientOrderID, "symbol": o.symbol, "side": name(o.side),
         "type": name(o.type), "quantity": o.quantity, "filled_quantity": o.filledQuantity, "limit_price": o.limitPrice,
         "stop_price": o.stopPrice, "average_fill_price": o.averageFillPrice, "status": name(o.status),
         "reason_code": o.reasonCode, "reason_message": o.reasonMessage, "strategy_id": o.strategyID,
         "sequence": o.sequence, "created_at": time(o.createdAt), "updated_at": time(o.updatedAt)]
    }

    static func positionRow(_ p: TradebotV1.Position) -> [String] {
        [p.symbol, p.quantity, p.averagePrice, p.lastPrice, p.marketValue, p.realizedPnl, p.unrealizedPnl, p.commissions]
    }
    static let positionHeaders = ["SYMBOL", "QTY", "AVG_PRICE", "LAST", "MARKET_VALUE", "REALIZED", "UNREALIZED", "COMMISSIONS"]

    static func positionJSON(_ p: TradebotV1.Position) -> [String: Any] {
        ["symbol": p.symbol, "quantity": p.quantity, "average_price": p.averagePrice, "last_price": p.lastPrice,
         "market_value": p.marketValue, "realized_pnl": p.realizedPnl, "unrealized_pnl": p.unrealizedPnl,
         "commissions": p.commissions, "updated_at": time(p.updatedAt)]
    }

    static func fillJSON(_ sequence: UInt64, _ f: TradebotV1.Fill) -> [String: Any] {
        ["sequence": sequence, "fill_id": f.fillID, "order_id": f.orderID, "client_order_id": f.clientOrderID,
         "symbol": f.symbol, "side": name(f.side), "quantity": f.quantity, "price": f.price, "commission": f.commission,
         "executed_at": time(f.executedAt)]
    }
}
