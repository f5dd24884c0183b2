/// How an order is priced.
public enum OrderType: String, Hashable, Sendable, Codable, CaseIterable {
    case market = "MARKET"
    case limit = "LIMIT"
    case stop = "STOP"
    case stopLimit = "STOP_LIMIT"
    case trailingStop = "TRAILING_STOP"
}
