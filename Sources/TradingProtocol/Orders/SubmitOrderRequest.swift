import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.SubmitOrderRequest`. `clientOrderID` is the idempotency key.
    public struct SubmitOrderRequest: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.SubmitOrderRequest"
        public var clientOrderID: String {
            get { _clientOrderID.string(in: strings) }
            set { _clientOrderID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var symbol: String {
            get { _symbol.string(in: strings) }
            set { _symbol.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var side = Side.unspecified
        public var type = OrderType.unspecified
        public var quantity: String {
            get { _quantity.string(in: strings) }
            set { _quantity.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        /// Required for LIMIT and STOP_LIMIT.
        public var limitPrice: String {
            get { _limitPrice.string(in: strings) }
            set { _limitPrice.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        /// Required for STOP and STOP_LIMIT.
        public var stopPrice: String {
            get { _stopPrice.string(in: strings) }
            set { _stopPrice.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var timeInForce = TimeInForce.unspecified
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
        public var strategyID: String {
            get { _strategyID.string(in: strings) }
            set { _strategyID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var reduceOnly = false
        public var accountID: String {
            get { _accountID.string(in: strings) }
            set { _accountID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var unknownFields = UnknownFields()

        /// The decoded bytes the string fields below point into, and the strings set in code.
        var strings = WireStringStorage()
        static let stringFieldCount = 10
        var _clientOrderID = WireStringField()
        var _symbol = WireStringField()
        var _quantity = WireStringField()
        var _limitPrice = WireStringField()
        var _stopPrice = WireStringField()
        var _stopLossPrice = WireStringField()
        var _takeProfitPrice = WireStringField()
        var _trailingStopDistance = WireStringField()
        var _strategyID = WireStringField()
        var _accountID = WireStringField()

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
            case 1: try d.decodeString(tag, into: &_clientOrderID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 2: try d.decodeString(tag, into: &_symbol, storage: &strings, fieldCount: Self.stringFieldCount)
            case 3: side = try d.decodeEnum(tag)
            case 4: type = try d.decodeEnum(tag)
            case 5: try d.decodeString(tag, into: &_quantity, storage: &strings, fieldCount: Self.stringFieldCount)
            case 6: try d.decodeString(tag, into: &_limitPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 7: try d.decodeString(tag, into: &_stopPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 8: timeInForce = try d.decodeEnum(tag)
            case 9: try d.decodeString(tag, into: &_stopLossPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 10: try d.decodeString(tag, into: &_takeProfitPrice, storage: &strings, fieldCount: Self.stringFieldCount)
            case 11: try d.decodeString(tag, into: &_trailingStopDistance, storage: &strings, fieldCount: Self.stringFieldCount)
            case 12: try d.decodeString(tag, into: &_strategyID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 13: reduceOnly = try d.decodeBool(tag)
            case 14: try d.decodeString(tag, into: &_accountID, storage: &strings, fieldCount: Self.stringFieldCount)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, _clientOrderID, storage: strings)
            e.encodeString(2, _symbol, storage: strings)
            e.encodeEnum(3, side)
            e.encodeEnum(4, type)
            e.encodeString(5, _quantity, storage: strings)
            e.encodeString(6, _limitPrice, storage: strings)
            e.encodeString(7, _stopPrice, storage: strings)
            e.encodeEnum(8, timeInForce)
            e.encodeString(9, _stopLossPrice, storage: strings)
            e.encodeString(10, _takeProfitPrice, storage: strings)
            e.encodeString(11, _trailingStopDistance, storage: strings)
            e.encodeString(12, _strategyID, storage: strings)
            e.encodeBool(13, reduceOnly)
            e.encodeString(14, _accountID, storage: strings)
            e.appendUnknownFields(unknownFields)
        }

        /// Field values are compared, never how the strings are held.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            WireStringField.equal(lhs._clientOrderID, in: lhs.strings, rhs._clientOrderID, in: rhs.strings)
                && WireStringField.equal(lhs._symbol, in: lhs.strings, rhs._symbol, in: rhs.strings)
                && WireStringField.equal(lhs._quantity, in: lhs.strings, rhs._quantity, in: rhs.strings)
                && WireStringField.equal(lhs._limitPrice, in: lhs.strings, rhs._limitPrice, in: rhs.strings)
                && WireStringField.equal(lhs._stopPrice, in: lhs.strings, rhs._stopPrice, in: rhs.strings)
                && WireStringField.equal(lhs._stopLossPrice, in: lhs.strings, rhs._stopLossPrice, in: rhs.strings)
                && WireStringField.equal(lhs._takeProfitPrice, in: lhs.strings, rhs._takeProfitPrice, in: rhs.strings)
                && WireStringField.equal(lhs._trailingStopDistance, in: lhs.strings, rhs._trailingStopDistance, in: rhs.strings)
                && WireStringField.equal(lhs._strategyID, in: lhs.strings, rhs._strategyID, in: rhs.strings)
                && WireStringField.equal(lhs._accountID, in: lhs.strings, rhs._accountID, in: rhs.strings)
                && lhs.side == rhs.side
                && lhs.type == rhs.type
                && lhs.timeInForce == rhs.timeInForce
                && lhs.reduceOnly == rhs.reduceOnly
                && lhs.unknownFields == rhs.unknownFields
        }
    }
}

extension TradebotV1.SubmitOrderRequest: CustomReflectable {
    /// Field values as printed by `dump`, `print` and test failures (not how the strings are held).
    public var customMirror: Mirror {
        Mirror(self, children: [
                "clientOrderID": clientOrderID,
                "symbol": symbol,
                "side": side,
                "type": type,
                "quantity": quantity,
                "limitPrice": limitPrice,
                "stopPrice": stopPrice,
                "timeInForce": timeInForce,
                "stopLossPrice": stopLossPrice,
                "takeProfitPrice": takeProfitPrice,
                "trailingStopDistance": trailingStopDistance,
                "strategyID": strategyID,
                "reduceOnly": reduceOnly,
                "accountID": accountID,
                "unknownFields": unknownFields,
            ] as KeyValuePairs<String, Any>, displayStyle: .struct)
    }
}
