import TradingModel
import WireFormat

extension TradebotV1.OrderStatus {
    public init(_ status: TradingModel.OrderStatus) {
        switch status {
        case .pendingNew: self = .pendingNew
        case .accepted: self = .accepted
        case .partiallyFilled: self = .partiallyFilled
        case .filled: self = .filled
        case .rejected: self = .rejected
        case .pendingCancel: self = .pendingCancel
        case .cancelled: self = .cancelled
        case .expired: self = .expired
        case .unknown: self = .unknown
        }
    }

    /// The domain status (used for ListOrders filters); unspecified or unknown values are errors.
    public func domain(field: String = "statuses") throws(WireDecodingError) -> TradingModel.OrderStatus {
        switch self {
        case .pendingNew: return .pendingNew
        case .accepted: return .accepted
        case .partiallyFilled: return .partiallyFilled
        case .filled: return .filled
        case .rejected: return .rejected
        case .pendingCancel: return .pendingCancel
        case .cancelled: return .cancelled
        case .expired: return .expired
        case .unknown: return .unknown
        case .unspecified: throw .invalidValue(field: field, reason: "order status is required")
        case .unrecognized(let value): throw .invalidValue(field: field, reason: "unknown order status \(value)")
        }
    }
}
