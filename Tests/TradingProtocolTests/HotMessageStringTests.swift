import Testing
import TradingProtocol
import WireFormat

/// `Fill`, `Order` and `SubmitOrderRequest` decode through their own `merge(from:)` (field switch
/// inlined) and are the messages the codec benchmark measures: every string field, its errors,
/// merging and unknown fields are checked here field by field.
@Suite("Fill, Order and SubmitOrderRequest string fields")
struct HotMessageStringTests {
    typealias V1 = TradebotV1

    static var fillStrings: [(Int, WritableKeyPath<V1.Fill, String>)] { [
        (1, \.fillID), (2, \.orderID), (3, \.clientOrderID), (4, \.accountID), (5, \.symbol), (7, \.quantity),
        (8, \.price), (9, \.commission), (10, \.commissionCurrency), (11, \.brokerTradeID), (12, \.strategyID),
    ] }
    static var orderStrings: [(Int, WritableKeyPath<V1.Order, String>)] { [
        (1, \.orderID), (2, \.clientOrderID), (3, \.accountID), (4, \.symbol), (9, \.quantity), (10, \.filledQuantity),
        (11, \.limitPrice), (12, \.stopPrice), (13, \.averageFillPrice), (14, \.stopLossPrice), (15, \.takeProfitPrice),
        (16, \.trailingStopDistance), (18, \.strategyID), (19, \.brokerOrderID), (20, \.reasonCode), (21, \.reasonMessage),
    ] }
    static var submitStrings: [(Int, WritableKeyPath<V1.SubmitOrderRequest, String>)] { [
        (1, \.clientOrderID), (2, \.symbol), (5, \.quantity), (6, \.limitPrice), (7, \.stopPrice), (9, \.stopLossPrice),
        (10, \.takeProfitPrice), (11, \.trailingStopDistance), (12, \.strategyID), (14, \.accountID),
    ] }

    /// Every string field: after a decode it reads back; setting it changes exactly that field
    /// (equality notices), and re-encoding equals encoding the same change made in code.
    func checkFields<M: ProtoMessage>(_ message: M, _ fields: [(Int, WritableKeyPath<M, String>)]) throws {
        let bytes = message.wireBytes()
        let decoded = try M(wireBytes: bytes)
        #expect(decoded == message)
        #expect(message == decoded)
        #expect(decoded.wireBytes() == bytes)
        for (number, path) in fields {
            #expect(decoded[keyPath: path] == message[keyPath: path], "field \(number)")
            var changed = decoded
            changed[keyPath: path] += "Δ"
            #expect(changed != decoded, "field \(number)")
            #expect(changed[keyPath: path] == message[keyPath: path] + "Δ")
            var expected = message
            expected[keyPath: path] += "Δ"
            #expect(changed == expected, "field \(number)")
            #expect(changed.wireBytes() == expected.wireBytes(), "field \(number)")
            #expect(try M(wireBytes: changed.wireBytes()) == expected, "field \(number)")
            // The unchanged decoded value is untouched by the copy's change.
            #expect(decoded == message)
        }
    }

    @Test("set a field after decode, re-encode, compare — for every string field, random messages")
    func setAfterDecode() throws {
        var g = SeededGenerator(seed: 0xF111)
        for _ in 0..<25 {
            try checkFields(RandomMessages.fill(&g), Self.fillStrings)
            try checkFields(RandomMessages.order(&g), Self.orderStrings)
        }
        try checkFields(V1.SubmitOrderRequest {
            $0.clientOrderID = "ext-1"; $0.symbol = "EURUSD"; $0.quantity = "10000"; $0.limitPrice = "1.07219"
            $0.stopPrice = "1.06"; $0.stopLossPrice = "1.068"; $0.takeProfitPrice = "1.08"
            $0.trailingStopDistance = "0.002"; $0.strategyID = "sma"; $0.accountID = "paper"; $0.side = .buy
        }, Self.submitStrings)
        try checkFields(V1.Fill(), Self.fillStrings)
    }

    /// A length-delimited field (key as a varint: field numbers from 16 take two bytes).
    static func field(_ number: Int, _ payload: [UInt8]) -> [UInt8] {
        let key = number << 3 | 2
        let keyBytes: [UInt8] = key < 0x80 ? [UInt8(key)] : [UInt8(key & 0x7F | 0x80), UInt8(key >> 7)]
        return keyBytes + [UInt8(payload.count)] + payload
    }

    @Test("invalid UTF-8 in any string field fails at decode time with that field number")
    func invalidUTF8() {
        let bad: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], Array("EURUSD-long-id-".utf8) + [0xE2, 0x82]]
        for payload in bad {
            for (number, _) in Self.fillStrings {
                let bytes = Self.field(number, payload)
                #expect(throws: WireDecodingError.invalidUTF8(field: number)) { try V1.Fill(wireBytes: bytes) }
            }
            for (number, _) in Self.orderStrings {
                let bytes = Self.field(number, payload)
                #expect(throws: WireDecodingError.invalidUTF8(field: number)) { try V1.Order(wireBytes: bytes) }
            }
            for (number, _) in Self.submitStrings {
                let bytes = Self.field(number, payload)
                #expect(throws: WireDecodingError.invalidUTF8(field: number)) {
                    try V1.SubmitOrderRequest(wireBytes: bytes)
                }
            }
        }
    }

    @Test("equality between decoded and constructed messages is String equality")
    func equality() throws {
        let built = V1.Fill { $0.symbol = "caf\u{E9}"; $0.price = "1.5" }
        let decoded = try V1.Fill(wireBytes: built.wireBytes())
        #expect(decoded == built)
        #expect(decoded == V1.Fill { $0.symbol = "cafe\u{301}"; $0.price = "1.5" })
        #expect(decoded != V1.Fill { $0.symbol = "cafe"; $0.price = "1.5" })
        #expect(decoded != V1.Fill { $0.symbol = "caf\u{E9}"; $0.price = "1.50" })
        #expect(decoded != V1.Fill { $0.symbol = "caf\u{E9}"; $0.commission = "1.5" })
        // Non-string fields still count.
        var other = decoded
        other.side = .sell
        #expect(other != decoded)
    }

    @Test("printing a decoded message shows field values, the same as the constructed message")
    func description() throws {
        let built = V1.Fill { $0.symbol = "EURUSD"; $0.price = "1.07219"; $0.side = .buy }
        let decoded = try V1.Fill(wireBytes: built.wireBytes())
        #expect(String(describing: decoded) == String(describing: built))
        #expect(String(describing: decoded).contains(#"symbol: "EURUSD""#))
        let order = try V1.Order(wireBytes: V1.Order { $0.orderID = "O-1" }.wireBytes())
        #expect(String(describing: order).contains(#"orderID: "O-1""#))
        let submit = try V1.SubmitOrderRequest(wireBytes: V1.SubmitOrderRequest { $0.symbol = "GBPUSD" }.wireBytes())
        #expect(String(describing: submit).contains(#"symbol: "GBPUSD""#))
    }

    @Test("an Order nested twice in a response merges, the later string fields winning")
    func nestedMerge() throws {
        let a = V1.SubmitOrderResponse { $0.order = V1.Order { $0.orderID = "A"; $0.symbol = "EURUSD" } }
        let b = V1.SubmitOrderResponse { $0.order = V1.Order { $0.symbol = "GBPUSD"; $0.reasonMessage = "r" } }
        let merged = try V1.SubmitOrderResponse(wireBytes: a.wireBytes() + b.wireBytes())
        #expect(merged.order == V1.Order { $0.orderID = "A"; $0.symbol = "GBPUSD"; $0.reasonMessage = "r" })
        #expect(try V1.SubmitOrderResponse(wireBytes: merged.wireBytes()) == merged)
    }

    @Test("the last occurrence of every string field wins, for every field of the three messages")
    func lastOneWins() throws {
        for (number, path) in Self.fillStrings {
            let bytes = Self.field(number, Array("first".utf8)) + Self.field(number, Array("second-longer-than-15".utf8))
            #expect(try V1.Fill(wireBytes: bytes)[keyPath: path] == "second-longer-than-15", "field \(number)")
            let back = Self.field(number, Array("second-longer-than-15".utf8)) + Self.field(number, Array("x".utf8))
            #expect(try V1.Fill(wireBytes: back)[keyPath: path] == "x", "field \(number)")
        }
        for (number, path) in Self.orderStrings {
            let bytes = Self.field(number, Array("a".utf8)) + Self.field(number, Array("b".utf8))
            #expect(try V1.Order(wireBytes: bytes)[keyPath: path] == "b", "field \(number)")
        }
        for (number, path) in Self.submitStrings {
            let bytes = Self.field(number, Array("a".utf8)) + Self.field(number, [])
            #expect(try V1.SubmitOrderRequest(wireBytes: bytes)[keyPath: path] == "", "field \(number)")
        }
    }

    @Test("unknown fields between known ones survive decode and re-encode of the three messages")
    func unknownFields() throws {
        // Field 99 (varint) and 100 (length-delimited) are not in any of the three schemas.
        let unknown: [UInt8] = [0x98, 0x06, 0x07, 0xA2, 0x06, 0x02, 0x78, 0x79]
        let fill = V1.Fill { $0.fillID = "F-1"; $0.symbol = "EURUSD"; $0.executedAt = .init(seconds: 5, nanos: 6) }
        let fillBytes = Self.field(1, Array("F-1".utf8)) + unknown + Self.field(5, Array("EURUSD".utf8))
            + [0x6A, 0x04, 0x08, 0x05, 0x10, 0x06]
        let decodedFill = try V1.Fill(wireBytes: fillBytes)
        #expect(decodedFill.unknownFields.bytes == unknown)
        var expected = fill
        expected.unknownFields.bytes = unknown
        #expect(decodedFill == expected)
        #expect(decodedFill.wireBytes() == fill.wireBytes() + unknown)
        let order = try V1.Order(wireBytes: unknown + Self.field(1, Array("O-1".utf8)))
        #expect(order.orderID == "O-1")
        #expect(order.wireBytes() == Self.field(1, Array("O-1".utf8)) + unknown)
        let submit = try V1.SubmitOrderRequest(wireBytes: Self.field(2, Array("GBPUSD".utf8)) + unknown)
        #expect(submit.symbol == "GBPUSD")
        #expect(submit.wireBytes() == Self.field(2, Array("GBPUSD".utf8)) + unknown)
    }

    @Test("strings of every length from 0 to 40 bytes, ASCII and not, encode to key, length and bytes")
    func everyLength() throws {
        for count in 0...40 {
            for filler in ["a", "é", "€", "😀"] {
                var text = ""
                while text.utf8.count + filler.utf8.count <= count { text += filler }
                while text.utf8.count < count { text += "z" }
                let message = V1.Fill { $0.symbol = text }
                let expected = count == 0 ? [] : Self.field(5, Array(text.utf8))
                #expect(message.wireBytes() == expected, "\(count) \(filler)")
                #expect(try V1.Fill(wireBytes: message.wireBytes()).symbol == text)
            }
        }
    }
}
