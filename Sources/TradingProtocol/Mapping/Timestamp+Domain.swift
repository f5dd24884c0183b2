import TradingModel
import WireFormat

extension GoogleProtobuf.Timestamp {
    /// The wire form of a domain instant (nanoseconds since the epoch).
    public init(_ time: TradingModel.Timestamp) {
        self.init(nanosecondsSinceEpoch: time.nanoseconds)
    }

    /// The domain instant, or an error naming `field` if the timestamp is invalid or beyond the
    /// domain's range (years 1677...2262, Int64 nanoseconds).
    public func domain(field: String) throws(WireDecodingError) -> TradingModel.Timestamp {
        let valid = try validated(field: field)
        guard let nanoseconds = valid.nanosecondsSinceEpoch else {
            throw .invalidValue(field: field, reason: "timestamp outside the supported range")
        }
        return TradingModel.Timestamp(nanoseconds: nanoseconds)
    }
}
