import WireFormat

extension TradebotV1 {
    /// `tradebot.v1.CircuitBreakerKind`.
    public enum CircuitBreakerKind: WireEnum {
        case unspecified, volatility, brokerRejections, staleMarketData, brokerDisconnected
        /// A value from a newer schema, kept so it survives re-encoding.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .volatility
            case 2: self = .brokerRejections
            case 3: self = .staleMarketData
            case 4: self = .brokerDisconnected
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .volatility: 1
            case .brokerRejections: 2
            case .staleMarketData: 3
            case .brokerDisconnected: 4
            case .unrecognized(let value): value
            }
        }
    }
}
