import Testing
import TradingModel
import TradingProtocol
import WireFormat

@Suite("Domain <-> wire mapping")
struct DomainMappingTests {
    typealias V1 = TradebotV1

    @Test("wire decimals become exact fixed-point values and back", arguments: [
        ("1.07219", Int64(107_219_000)), ("-12.5", -1_250_000_000), ("0.00000001", 1), ("42", 4_200_000_000),
    ])
    func decimals(text: String, raw: Int64) throws {
        let price = try Price(wire: text, field: "limit_price")
        #expect(price.raw == raw)
        #expect(price.wireText == text)
    }

    @Test("decimals the domain cannot hold exactly are refused with the field name", arguments: [
        ("1.000000001", "more than 8 decimal places"), ("1e3", "exponent notation is not accepted"),
        ("NaN", "NaN and Infinity are not accepted"), ("99999999999", "decimal out of range"), ("", "decimal is empty"),
    ])
    func refused(text: String, reason: String) {
        #expect(throws: WireDecodingError.invalidValue(field: "quantity", reason: reason)) {
            try Quantity(wire: text, field: "quantity")
        }
    }

    @Test("an empty optional decimal is nil")
    func optionalDecimal() throws {
        #expect(try Price.wireOptional("", field: "stop_price") == nil)
        #expect(Optional<Price>.none.wireText == "")
    }

    @Test("timestamps map both ways, and out-of-range ones are refused")
    func timestamps() throws {
        let time = TradingModel.Timestamp(nanoseconds: 1_764_028_800_123_456_789)
        let wire = GoogleProtobuf.Timestamp(time)
        #expect(wire.seconds == 1_764_028_800 && wire.nanos == 123_456_789)
        #expect(try wire.domain(field: "time") == time)
        #expect(throws: WireDecodingError.invalidValue(field: "time", reason: "timestamp outside the supported range")) {
            try GoogleProtobuf.Timestamp(seconds: 253_402_300_799).domain(field: "time")
        }
    }

    @Test("every domain enum value maps to the wire and back")
    func enums() throws {
        for side in OrderSide.allCases { #expect(try V1.Side(side).domain() == side) }
        for type in TradingModel.OrderType.allCases { #expect(try V1.OrderType(type).domain() == type) }
        for tif in TradingModel.TimeInForce.allCases { #expect(try V1.TimeInForce(tif).domain() == tif) }
        for status in TradingModel.OrderStatus.allCases { #expect(try V1.OrderStatus(status).domain() == status) }
        for state in TradingModel.TradingState.allCases { #expect(try V1.TradingState(state).domain() == state) }
        #expect(throws: WireDecodingError.invalidValue(field: "side", reason: "side is required")) {
            try V1.Side.unspecified.domain()
        }
        #expect(throws: WireDecodingError.invalidValue(field: "type", reason: "unknown order type 42")) {
            try V1.OrderType.unrecognized(42).domain()
        }
    }

    static let eurusd: TradingModel.Instrument? = try? TradingModel.Instrument(
        symbol: "EURUSD", tickSize: Price(raw: 1_000), lotSize: Quantity(raw: 1_000_000))

    static func limitOrder(_ change: (inout V1.SubmitOrderRequest) -> Void = { _ in }) -> V1.SubmitOrderRequest {
        var request = V1.SubmitOrderRequest {
            $0.clientOrderID = "c-1"; $0.symbol = "EURUSD"; $0.side = .buy; $0.type = .limit
            $0.quantity = "1000"; $0.limitPrice = "1.07219"; $0.stopLossPrice = "1.06"; $0.strategyID = "sma"
        }
        change(&request)
        return request
    }

    @Test("a valid SubmitOrderRequest becomes the domain OrderRequest")
    func submitOrder() throws {
        let request = try Self.limitOrder().domain(instrument: Self.eurusd)
        #expect(request.symbol == "EURUSD")
        #expect(request.side == .buy)
        #expect(request.type == .limit)
        #expect(request.quantity == (try Quantity("1000")))
        #expect(request.limitPrice == (try Price("1.07219")))
        #expect(request.bracket?.stopLoss == (try Price("1.06")))
        #expect(request.clientOrderID == "c-1")
        #expect(request.timeInForce == .gtc)
    }

    @Test("invalid SubmitOrderRequests are refused naming the field", arguments: [
        ("symbol", "symbol is required"), ("side", "side is required"), ("quantity", "quantity must be positive"),
        ("limit_price", "required for a LIMIT order"), ("stop_price", "not allowed for a LIMIT order"),
        ("quantity.lot", "not a multiple of the lot size 0.01"), ("limit_price.tick", "not a multiple of the tick size 0.00001"),
        ("quantity.exp", "exponent notation is not accepted"),
    ])
    func submitOrderRefused(field: String, reason: String) {
        let request = Self.limitOrder {
            switch field {
            case "symbol": $0.symbol = ""
            case "side": $0.side = .unspecified
            case "quantity": $0.quantity = "-5"
            case "limit_price": $0.limitPrice = ""
            case "stop_price": $0.stopPrice = "1.1"
            case "quantity.lot": $0.quantity = "1000.001"
            case "limit_price.tick": $0.limitPrice = "1.072195"
            default: $0.quantity = "1e3"
            }
        }
        let name = String(field.prefix { $0 != "." })
        #expect(throws: WireDecodingError.invalidValue(field: name, reason: reason)) {
            try request.domain(instrument: Self.eurusd)
        }
    }

    @Test("domain orders and fills map to the wire shapes")
    func ordersAndFills() throws {
        let request = try Self.limitOrder().domain()
        var order = TradingModel.Order(id: OrderID(7), request: request,
                                       createdAt: TradingModel.Timestamp(nanoseconds: 1_000_000_000))
        try order.apply(.accept, at: TradingModel.Timestamp(nanoseconds: 2_000_000_000))
        let wire = V1.Order(order, accountID: "paper", sequence: 3)
        #expect(wire.orderID == "O-7")
        #expect(wire.status == .accepted)
        #expect(wire.limitPrice == "1.07219")
        #expect(wire.stopLossPrice == "1.06")
        #expect(wire.filledQuantity == "0")
        #expect(wire.updatedAt == GoogleProtobuf.Timestamp(seconds: 2))
        let fill = TradingModel.Fill(tradeID: "T-1", orderID: OrderID(7), symbol: "EURUSD", side: .sell,
                                     quantity: try Quantity("0.5"), price: try Price("1.1"), commission: try Money("0.02"),
                                     timestamp: TradingModel.Timestamp(nanoseconds: 5))
        let wireFill = V1.Fill(fill, clientOrderID: "c-1")
        #expect(wireFill.side == .sell && wireFill.quantity == "0.5" && wireFill.price == "1.1")
        #expect(wireFill.executedAt == GoogleProtobuf.Timestamp(seconds: 0, nanos: 5))
        #expect(try V1.Fill(wireBytes: wireFill.wireBytes()) == wireFill)
    }
}
