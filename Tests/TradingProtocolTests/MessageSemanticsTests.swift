import Testing
import TradingProtocol
import WireFormat

@Suite("Message semantics")
struct MessageSemanticsTests {
    typealias V1 = TradebotV1

    @Test("the health SERVING response is the two bytes load balancers expect")
    func healthBytes() throws {
        #expect(GRPCHealthV1.HealthCheckResponse(status: .serving).wireBytes() == [0x08, 0x01])
        #expect(GRPCHealthV1.HealthCheckRequest().wireBytes().isEmpty)
        #expect(try GRPCHealthV1.HealthCheckResponse(wireBytes: [0x08, 0x02]).status == .notServing)
    }

    @Test("an enum value from a newer schema is kept and re-encoded")
    func unknownEnumValue() throws {
        let bytes: [UInt8] = [0x28, 0x63]  // Order.side = 99
        let order = try V1.Order(wireBytes: bytes)
        #expect(order.side == .unrecognized(99))
        #expect(order.wireBytes() == bytes)
    }

    @Test("the last member of a oneof on the wire wins")
    func oneofLastWins() throws {
        // order_id "a" then client_order_id "b"
        let request = try V1.CancelOrderRequest(wireBytes: [0x0A, 0x01, 0x61, 0x12, 0x01, 0x62])
        #expect(request.target == .clientOrderID("b"))
        let event = try V1.MarketDataEvent(wireBytes: V1.MarketDataEvent { $0.payload = .bar(V1.Bar { $0.open = "1" }) }.wireBytes()
            + V1.MarketDataEvent { $0.payload = .quote(V1.Quote { $0.bid = "2" }) }.wireBytes())
        #expect(event.payload == .quote(V1.Quote { $0.bid = "2" }))
    }

    @Test("a oneof member set to its default value is still present on the wire")
    func oneofPresence() throws {
        let request = V1.GetOrderRequest { $0.target = .orderID("") }
        #expect(request.wireBytes() == [0x0A, 0x00])
        #expect(try V1.GetOrderRequest(wireBytes: [0x0A, 0x00]).target == .orderID(""))
        #expect(try V1.GetOrderRequest(wireBytes: []).target == nil)
    }

    @Test("a repeated oneof message member merges with the previous one")
    func oneofMerge() throws {
        let first = V1.RiskEvent { $0.event = .stopUpdated(V1.StopUpdated { $0.orderID = "o1" }) }
        let second = V1.RiskEvent { $0.event = .stopUpdated(V1.StopUpdated { $0.newStopPrice = "1.1" }) }
        let merged = try V1.RiskEvent(wireBytes: first.wireBytes() + second.wireBytes())
        #expect(merged.event == .stopUpdated(V1.StopUpdated { $0.orderID = "o1"; $0.newStopPrice = "1.1" }))
    }

    @Test("from_sequence distinguishes unset from zero")
    func optionalPresence() throws {
        #expect(V1.SubscribeFillsRequest().wireBytes().isEmpty)
        #expect(V1.SubscribeFillsRequest { $0.fromSequence = 0 }.wireBytes() == [0x08, 0x00])
        #expect(try V1.SubscribeFillsRequest(wireBytes: [0x08, 0x00]).fromSequence == 0)
        #expect(try V1.SubscribeFillsRequest(wireBytes: []).fromSequence == nil)
    }

    @Test("nested messages merge field by field across occurrences")
    func nestedMerge() throws {
        let a = V1.SubmitOrderResponse { $0.order = V1.Order { $0.orderID = "A" } }
        let b = V1.SubmitOrderResponse { $0.order = V1.Order { $0.symbol = "EURUSD" } }
        let merged = try V1.SubmitOrderResponse(wireBytes: a.wireBytes() + b.wireBytes())
        #expect(merged.order == V1.Order { $0.orderID = "A"; $0.symbol = "EURUSD" })
    }

    @Test("timestamps validate their range and convert to nanoseconds")
    func timestamps() throws {
        let ts = GoogleProtobuf.Timestamp(nanosecondsSinceEpoch: -1)
        #expect(ts.seconds == -1 && ts.nanos == 999_999_999)
        #expect(ts.nanosecondsSinceEpoch == -1)
        #expect(throws: WireDecodingError.invalidValue(field: "created_at", reason: "timestamp nanos out of range")) {
            try GoogleProtobuf.Timestamp(seconds: 0, nanos: -1).validated(field: "created_at")
        }
        #expect(throws: WireDecodingError.invalidValue(field: "created_at", reason: "timestamp seconds out of range")) {
            try GoogleProtobuf.Timestamp(seconds: .max, nanos: 0).validated(field: "created_at")
        }
        #expect(GoogleProtobuf.Timestamp(seconds: .max).nanosecondsSinceEpoch == nil)
    }

    @Test("invalid UTF-8 in a message string field is a decoding error, not a repair")
    func invalidUTF8() {
        #expect(throws: WireDecodingError.invalidUTF8(field: 4)) { try V1.Order(wireBytes: [0x22, 0x01, 0xFF]) }
    }
}
