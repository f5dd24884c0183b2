import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Order`: an order as the server knows it. Decimal fields are strings in
    /// `google.type.Decimal` form (see `WireDecimal`); "" means not set.
    public struct Order: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Order"
        public var orderID: String {
            get { _orderID.string(in: strings) }
            set { _orderID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var clientOrderID: String {
            get { _clientOrderID.string(in: strings) }
            set { _clientOrderID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var accountID: String {
            get { _accountID.string(in: strings) }
            set { _accountID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var symbol: String {
            get { _symbol.string(in: strings) }
            set { _symbol.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var side = Side.unspecified
        public var type = OrderType.unspecified
        public var timeInForce = TimeInForce.unspecified
        public var status = OrderStatus.unspecified
        public var quantity: String {
            get { _quantity.string(in: strings) }
            set { _quantity.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var filledQuantity: String {
            get { _filledQuantity.string(in: strings) }
            set { _filledQuantity.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var limitPrice: String {
            get { _limitPrice.string(in: strings) }
            set { _limitPrice.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var stopPrice: String {
            get { _stopPrice.string(in: strings) }
            set { _stopPrice.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var averageFillPrice: String {
            get { _averageFillPrice.string(in: strings) }
            set { _averageFillPrice.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var stopLossPrice: String {
            get { _stopLossPrice.string(in: strings) }
            set { _stopLossPrice.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var takeProfitPrice: String {
            get { _takeProfitPrice.string(in: strings) }
            set { _takeProfitPrice.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var trailingStopDistance: String {
            get { _trailingStopDistance.string(in: strings) }
            set { _trailingStopDistance.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var reduceOnly = false
        public var strategyID: String {
            get { _strategyID.string(in: strings) }
            set { _strategyID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var brokerOrderID: String {
            get { _brokerOrderID.string(in: strings) }
            set { _brokerOrderID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        /// Machine-readable reason for REJECTED / EXPIRED / CANCELLED, e.g. `MAX_ORDER_QUANTITY`.
        public var reasonCode: String {
            get { _reasonCode.string(in: strings) }
            set { _reasonCode.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var reasonMessage: String {
            get { _reasonMessage.string(in: strings) }
            set { _reasonMessage.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var createdAt: Timestamp?
        public var updatedAt: Timestamp?
        /// The order-stream sequence of the event that produced this state.
        public var sequence: UInt64 = 0
        public var unknownFields = UnknownFields()

        /// The decoded bytes the string fields below point into, and the strings set in code.
        var strings = WireStringStorage()
        static let stringFieldCount = 16
        var _orderID = WireStringField()
        var _clientOrderID = WireStringField()
        var _accountID = WireStringField()
        var _symbol = WireStringField()
        var _quantity = WireStringField()
        var _filledQuantity = WireStringField()
        var _limitPrice = WireStringField()
        var _stopPrice = WireStringField()
        var _averageFillPrice = WireStringField()
        var _stopLossPrice = WireStringField()
        var _takeProfitPrice = WireStringField()
        var _trailingStopDistance = WireStringField()
        var _strategyID = WireStringField()
        var _brokerOrderID = WireStringField()
        var _reasonCode = WireStringField()
        var _reasonMessage = WireStringField()

        public init() {}

        /// Copies the message bytes once so that string fields are kept as slices of them.
        public mutating func merge(from d: inout WireDecoder) throws(WireDecodingError) {
            strings.beginDecoding(d)
            defer { strings.endDecoding() }
            while let tag = try d.nextTag() { try decodeField(tag, from: &d) }
        }

        @inline(__always)
        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &_orderID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 2: try d.decodeString(tag, into: &_clientOrderID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 3: try d.decodeString(tag, into: &_accountID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 4: try d.decodeString(tag, into: &_symbol, storage: &strings, fieldCount: Self.stringFieldCount)
            case 5: side = try d.decodeEnum(tag)
            case 6: type = try d.decodeEnum(tag)
            case 7: timeInForce = try d.decodeEnum(tag)
            case 8: status = try d.decodeEnum(tag)
            case 9: try d.decodeString(tag, into: &_quantity, storage: &strings, fieldCount: Self.stringFieldCount)
            case 10: try d.decodeString(tag, into: &_filledQuantity, storage: &strings, fieldCount: Self.stringFieldCount)
            case 11: try d.decodeString(tag, into: &_limitPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 12: try d.decodeString(tag, into: &_stopPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 13: try d.decodeString(tag, into: &_averageFillPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 14: try d.decodeString(tag, into: &_stopLossPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 15: try d.decodeString(tag, into: &_takeProfitPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 16: try d.decodeString(tag, into: &_trailingStopDistance, storage: &strings, fieldCount: Self.stringFieldCount)
            case 17: reduceOnly = try d.decodeBool(tag)
            case 18: try d.decodeString(tag, into: &_strategyID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 19: try d.decodeString(tag, into: &_brokerOrderID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 20: try d.decodeString(tag, into: &_reasonCode, storage: &strings, fieldCount: Self.stringFieldCount)
            case 21: try d.decodeString(tag, into: &_reasonMessage, storage: &strings, fieldCount: Self.stringFieldCount)
            case 22: try d.decodeMessage(tag, into: &createdAt)
            case 23: try d.decodeMessage(tag, into: &updatedAt)
            case 24: sequence = try d.decodeUInt64(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, _orderID, storage: strings)
            e.encodeString(2, _clientOrderID, storage: strings)
            e.encodeString(3, _accountID, storage: strings)
            e.encodeString(4, _symbol, storage: strings)
            e.encodeEnum(5, side)
            e.encodeEnum(6, type)
            e.encodeEnum(7, timeInForce)
            e.encodeEnum(8, status)
            e.encodeString(9, _quantity, storage: strings)
            e.encodeString(10, _filledQuantity, storage: strings)
            e.encodeString(11, _limitPrice, storage: strings)
            e.encodeString(12, _stopPrice, storage: strings)
            e.encodeString(13, _averageFillPrice, storage: strings)
            e.encodeString(14, _stopLossPrice, storage: strings)
            e.encodeString(15, _takeProfitPrice, storage: strings)
            e.encodeString(16, _trailingStopDistance, storage: strings)
            e.encodeBool(17, reduceOnly)
            e.encodeString(18, _strategyID, storage: strings)
            e.encodeString(19, _brokerOrderID, storage: strings)
            e.encodeString(20, _reasonCode, storage: strings)
            e.encodeString(21, _reasonMessage, storage: strings)
            e.encodeMessage(22, createdAt)
            e.encodeMessage(23, updatedAt)
            e.encodeUInt64(24, sequence)
            e.appendUnknownFields(unknownFields)
        }

        /// Field values are compared, never how the strings are held.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            WireStringField.equal(lhs._orderID, in: lhs.strings, rhs._orderID, in: rhs.strings)
                && WireStringField.equal(lhs._clientOrderID, in: lhs.strings, rhs._clientOrderID, in: rhs.strings)
                && WireStringField.equal(lhs._accountID, in: lhs.strings, rhs._accountID, in: rhs.strings)
                && WireStringField.equal(lhs._symbol, in: lhs.strings, rhs._symbol, in: rhs.strings)
                && WireStringField.equal(lhs._quantity, in: lhs.strings, rhs._quantity, in: rhs.strings)
                && WireStringField.equal(lhs._filledQuantity, in: lhs.strings, rhs._filledQuantity, in: rhs.strings)
                && WireStringField.equal(lhs._limitPrice, in: lhs.strings, rhs._limitPrice, in: rhs.strings)
                && WireStringField.equal(lhs._stopPrice, in: lhs.strings, rhs._stopPrice, in: rhs.strings)
                && WireStringField.equal(lhs._averageFillPrice, in: lhs.strings, rhs._averageFillPrice, in: rhs.strings)
                && WireStringField.equal(lhs._stopLossPrice, in: lhs.strings, rhs._stopLossPrice, in: rhs.strings)
                && WireStringField.equal(lhs._takeProfitPrice, in: lhs.strings, rhs._takeProfitPrice, in: rhs.strings)
                && WireStringField.equal(lhs._trailingStopDistance, in: lhs.strings, rhs._trailingStopDistance, in: rhs.strings)
                && WireStringField.equal(lhs._strategyID, in: lhs.strings, rhs._strategyID, in: rhs.strings)
                && WireStringField.equal(lhs._brokerOrderID, in: lhs.strings, rhs._brokerOrderID, in: rhs.strings)
                && WireStringField.equal(lhs._reasonCode, in: lhs.strings, rhs._reasonCode, in: rhs.strings)
                && WireStringField.equal(lhs._reasonMessage, in: lhs.strings, rhs._reasonMessage, in: rhs.strings)
                && lhs.side == rhs.side
                && lhs.type == rhs.type
                && lhs.timeInForce == rhs.timeInForce
                && lhs.status == rhs.status
                && lhs.reduceOnly == rhs.reduceOnly
                && lhs.createdAt == rhs.createdAt
                && lhs.updatedAt == rhs.updatedAt
                && lhs.sequence == rhs.sequence
                && lhs.unknownFields == rhs.unknownFields
        }
    }
}

extension TradebotV1.Order: CustomReflectable {
    /// Field values as printed by `dump`, `print` and test failures (not how the strings are held).
    public var customMirror: Mirror {
        Mirror(self, children: [
                "orderID": orderID,
                "clientOrderID": clientOrderID,
                "accountID": accountID,
                "symbol": symbol,
                "side": side,
                "type": type,
                "timeInForce": timeInForce,
                "status": status,
                "quantity": quantity,
                "filledQuantity": filledQuantity,
                "limitPrice": limitPrice,
                "stopPrice": stopPrice,
                "averageFillPrice": averageFillPrice,
                "stopLossPrice": stopLossPrice,
                "takeProfitPrice": takeProfitPrice,
                "trailingStopDistance": trailingStopDistance,
                "reduceOnly": reduceOnly,
                "strategyID": strategyID,
                "brokerOrderID": brokerOrderID,
                "reasonCode": reasonCode,
                "reasonMessage": reasonMessage,
                "createdAt": createdAt,
                "updatedAt": updatedAt,
                "sequence": sequence,
                "unknownFields": unknownFields,
            ] as KeyValuePairs<String, Any>, displayStyle: .struct)
    }
}
