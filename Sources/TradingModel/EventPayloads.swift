/// Payload of `orderDenied`: the order (status REJECTED) and the machine-readable reason.
public struct OrderDenied: Hashable, Sendable, Codable {
    public let order: Order
    public let reason: RiskRejectReason
    public let detail: String
    public init(order: Order, reason: RiskRejectReason, detail: String) {
        self.order = order
        self.reason = reason
        self.detail = detail
    }
}

/// Payload of `orderRejected` and `orderCancelRejected`: the broker's refusal.
public struct OrderRejected: Hashable, Sendable, Codable {
    public let order: Order
    public let reason: String
    public init(order: Order, reason: String) {
        self.order = order
        self.reason = reason
    }
}

/// Payload of `orderFilled`: the fill and the order, position and cash after it.
public struct OrderFilled: Hashable, Sendable, Codable {
    public let fill: Fill
    public let order: Order
    public let position: Position
    /// Realized P&L this fill produced (before commission).
    public let realizedPnL: Money
    /// Account cash after the fill.
    public let cash: Money
    public init(fill: Fill, order: Order, position: Position, realizedPnL: Money, cash: Money) {
        self.fill = fill
        self.order = order
        self.position = position
        self.realizedPnL = realizedPnL
        self.cash = cash
    }
}

/// Why a broker report was refused.
public enum BrokerReportProblem: Hashable, Sendable, Codable {
    case unknownOrder
    case duplicateTrade(TradeID)
    case illegalTransition(IllegalTransition)
    case overfill(leaves: Quantity, attempted: Quantity)
    case invalidFill(String)
}

/// Payload of `brokerReportRefused`.
public struct BrokerReportRefused: Hashable, Sendable, Codable {
    public let orderID: OrderID
    public let problem: BrokerReportProblem
    public init(orderID: OrderID, problem: BrokerReportProblem) {
        self.orderID = orderID
        self.problem = problem
    }
}

/// Payload of `signalIgnored`.
public struct SignalIgnored: Hashable, Sendable, Codable {
    public let signal: Signal
    public let reason: String
    public init(signal: Signal, reason: String) {
        self.signal = signal
        self.reason = reason
    }
}

/// The protective exits the engine manages for one position.
public struct PositionStops: Hashable, Sendable, Codable {
    public var stopLoss: Price?
    public var takeProfit: Price?
    public var trailingDistance: Price?
    /// Best price since entry (highest for long, lowest for short), for trailing.
    public var bestPrice: Price?
    public init(stopLoss: Price? = nil, takeProfit: Price? = nil, trailingDistance: Price? = nil, bestPrice: Price? = nil) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailingDistance = trailingDistance
        self.bestPrice = bestPrice
    }
}

/// Payload of `stopUpdated`: the stops of a position after arming or a trailing move.
public struct StopUpdated: Hashable, Sendable, Codable {
    public let symbol: Symbol
    public let previousStop: Price?
    public let stops: PositionStops
    public init(symbol: Symbol, previousStop: Price?, stops: PositionStops) {
        self.symbol = symbol
        self.previousStop = previousStop
        self.stops = stops
    }
}

/// Payload of `stopTriggered`: which exit fired; the other is disarmed (OCO).
public struct StopTriggered: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case stopLoss = "STOP_LOSS"
        case takeProfit = "TAKE_PROFIT"
    }
    public let symbol: Symbol
    public let kind: Kind
    public let level: Price
    /// The bar or quote price that crossed the level.
    public let triggerPrice: Price
    public init(symbol: Symbol, kind: Kind, level: Price, triggerPrice: Price) {
        self.symbol = symbol
        self.kind = kind
        self.level = level
        self.triggerPrice = triggerPrice
    }
}

/// Payload of `tradingStateChanged`: one source's restriction of a scope changed.
public struct TradingStateChanged: Hashable, Sendable, Codable {
    public let scope: TradingScope
    public let source: RestrictionSource
    /// The level this source now imposes (`active` = lifted).
    public let sourceState: TradingState
    public let previous: TradingState
    /// The scope's effective state (most restrictive over all sources).
    public let current: TradingState
    public let reason: String
    public init(scope: TradingScope, source: RestrictionSource, sourceState: TradingState, previous: TradingState,
                current: TradingState, reason: String) {
        self.scope = scope
        self.source = source
        self.sourceState = sourceState
        self.previous = previous
        self.current = current
        self.reason = reason
    }
}

/// Payload of `limitBreached`.
public struct LimitBreached: Hashable, Sendable, Codable {
    public enum Limit: String, Hashable, Sendable, Codable {
        case dailyLoss = "DAILY_LOSS"
        case maxDrawdown = "MAX_DRAWDOWN"
    }
    public let limit: Limit
    /// Observed value (money lost, or drawdown in basis points) as an exact decimal string.
    public let value: String
    public let threshold: String
    public let action: TradingState
    public init(limit: Limit, value: String, threshold: String, action: TradingState) {
        self.limit = limit
        self.value = value
        self.threshold = threshold
        self.action = action
    }
}

/// Payload of `circuitBreakerTripped` and `circuitBreakerReset`.
public struct CircuitBreakerEvent: Hashable, Sendable, Codable {
    public let kind: CircuitBreakerKind
    public let scope: TradingScope
    public let detail: String
    public init(kind: CircuitBreakerKind, scope: TradingScope, detail: String) {
        self.kind = kind
        self.scope = scope
        self.detail = detail
    }
}

/// Payload of `fillTimeout`.
public struct FillTimeoutEvent: Hashable, Sendable, Codable {
    public let order: Order
    public let action: FillTimeoutAction
    public init(order: Order, action: FillTimeoutAction) {
        self.order = order
        self.action = action
    }
}

/// Payload of `killSwitchActivated`.
public struct KillSwitchActivated: Hashable, Sendable, Codable {
    public let flatten: Bool
    public let reason: String
    public init(flatten: Bool, reason: String) {
        self.flatten = flatten
        self.reason = reason
    }
}

/// Payload of `tradingDayStarted`.
public struct TradingDayStarted: Hashable, Sendable, Codable {
    /// Days since the epoch (UTC).
    public let day: Int64
    public let startEquity: Money
    public init(day: Int64, startEquity: Money) {
        self.day = day
        self.startEquity = startEquity
    }
}
