import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.Fill`: one execution against an order.
    public struct Fill: ProtoMessage {
        public static let protoMessageName = "tradebot.v1.Fill"
        public var fillID: String {
            get { _fillID.string(in: strings) }
            set { _fillID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
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
        public var quantity: String {
            get { _quantity.string(in: strings) }
            set { _quantity.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var price: String {
            get { _price.string(in: strings) }
            set { _price.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var commission: String {
            get { _commission.string(in: strings) }
            set { _commission.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var commissionCurrency: String {
            get { _commissionCurrency.string(in: strings) }
            set { _commissionCurrency.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var brokerTradeID: String {
            get { _brokerTradeID.string(in: strings) }
            set { _brokerTradeID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var strategyID: String {
            get { _strategyID.string(in: strings) }
            set { _strategyID.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
        }
        public var executedAt: Timestamp?
        public var unknownFields = UnknownFields()

        /// The decoded bytes the string fields below point into, and the strings set in code.
        var strings = WireStringStorage()
        static let stringFieldCount = 11
        var _fillID = WireStringField()
        var _orderID = WireStringField()
        var _clientOrderID = WireStringField()
        var _accountID = WireStringField()
        var _symbol = WireStringField()
        var _quantity = WireStringField()
        var _price = WireStringField()
        var _commission = WireStringField()
        var _commissionCurrency = WireStringField()
        var _brokerTradeID = WireStringField()
        var _strategyID = WireStringField()

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
            case 1: try d.decodeString(tag, into: &_fillID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 2: try d.decodeString(tag, into: &_orderID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 3: try d.decodeString(tag, into: &_clientOrderID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 4: try d.decodeString(tag, into: &_accountID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 5: try d.decodeString(tag, into: &_symbol, storage: &strings, fieldCount: Self.stringFieldCount)
            case 6: side = try d.decodeEnum(tag)
            case 7: try d.decodeString(tag, into: &_quantity, storage: &strings, fieldCount: Self.stringFieldCount)
            case 8: try d.decodeString(tag, into: &_price, storage: &strings, fieldCount: Self.stringFieldCount)
            case 9: try d.decodeString(tag, into: &_commission, storage: &strings, fieldCount: Self.stringFieldCount)
            case 10: try d.decodeString(tag, into: &_commissionCurrency, storage: &strings, fieldCount: Self.stringFieldCount)
            case 11: try d.decodeString(tag, into: &_brokerTradeID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 12: try d.decodeString(tag, into: &_strategyID, storage: &strings, fieldCount: Self.stringFieldCount)
            case 13: try d.decodeMessage(tag, into: &executedAt)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, _fillID, storage: strings)
            e.encodeString(2, _orderID, storage: strings)
            e.encodeString(3, _clientOrderID, storage: strings)
            e.encodeString(4, _accountID, storage: strings)
            e.encodeString(5, _symbol, storage: strings)
            e.encodeEnum(6, side)
            e.encodeString(7, _quantity, storage: strings)
            e.encodeString(8, _price, storage: strings)
            e.encodeString(9, _commission, storage: strings)
            e.encodeString(10, _commissionCurrency, storage: strings)
            e.encodeString(11, _brokerTradeID, storage: strings)
            e.encodeString(12, _strategyID, storage: strings)
            e.encodeMessage(13, executedAt)
            e.appendUnknownFields(unknownFields)
        }

        /// Field values are compared, never how the strings are held.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            WireStringField.equal(lhs._fillID, in: lhs.strings, rhs._fillID, in: rhs.strings)
                && WireStringField.equal(lhs._orderID, in: lhs.strings, rhs._orderID, in: rhs.strings)
                && WireStringField.equal(lhs._clientOrderID, in: lhs.strings, rhs._clientOrderID, in: rhs.strings)
                && WireStringField.equal(lhs._accountID, in: lhs.strings, rhs._accountID, in: rhs.strings)
                && WireStringField.equal(lhs._symbol, in: lhs.strings, rhs._symbol, in: rhs.strings)
                && WireStringField.equal(lhs._quantity, in: lhs.strings, rhs._quantity, in: rhs.strings)
                && WireStringField.equal(lhs._price, in: lhs.strings, rhs._price, in: rhs.strings)
                && WireStringField.equal(lhs._commission, in: lhs.strings, rhs._commission, in: rhs.strings)
                && WireStringField.equal(lhs._commissionCurrency, in: lhs.strings, rhs._commissionCurrency, in: rhs.strings)
                && WireStringField.equal(lhs._brokerTradeID, in: lhs.strings, rhs._brokerTradeID, in: rhs.strings)
                && WireStringField.equal(lhs._strategyID, in: lhs.strings, rhs._strategyID, in: rhs.strings)
                && lhs.side == rhs.side
                && lhs.executedAt == rhs.executedAt
                && lhs.unknownFields == rhs.unknownFields
        }
    }
}

extension TradebotV1.Fill: CustomReflectable {
    /// Field values as printed by `dump`, `print` and test failures (not how the strings are held).
    public var customMirror: Mirror {
        Mirror(self, children: [
                "fillID": fillID,
                "orderID": orderID,
                "clientOrderID": clientOrderID,
                "accountID": accountID,
                "symbol": symbol,
                "side": side,
                "quantity": quantity,
                "price": price,
                "commission": commission,
                "commissionCurrency": commissionCurrency,
                "brokerTradeID": brokerTradeID,
                "strategyID": strategyID,
                "executedAt": executedAt,
                "unknownFields": unknownFields,
            ] as KeyValuePairs<String, Any>, displayStyle: .struct)
    }
}
