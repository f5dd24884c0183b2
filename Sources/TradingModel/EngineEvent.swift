/// Everything the engine decides, as a closed set of value types.
///
/// Events are the source of truth: the engine changes its own state only by applying
/// the events it emits, so replaying a journal of them (after an optional snapshot)
/// rebuilds orders, positions, cash, trading states and breakers exactly. Market-derived
/// state (last prices, ATR, strategy indicators) is re-warmed from market data or taken
/// from a snapshot. `typeName` is the stable name to persist and stream.
public enum EngineEvent: Hashable, Sendable, Codable {
    /// An order passed every risk check and was sent to the broker (status PENDING_NEW).
    case orderSubmitted(Order)
    /// An order refused by the risk engine; it never reached the broker.
    case orderDenied(OrderDenied)
    case orderAccepted(Order)
    /// The broker refused the order.
    case orderRejected(OrderRejected)
    case orderFilled(OrderFilled)
    case orderCancelRequested(Order)
    case orderCancelled(Order)
    case orderCancelRejected(OrderRejected)
    case orderExpired(Order)
    /// No broker acknowledgement within the timeout: the outcome is unknown.
    case orderStatusUnknown(Order)
    /// A broker report the engine refused to apply (illegal transition, overfill,
    /// duplicate trade id, unknown order). State is unchanged.
    case brokerReportRefused(BrokerReportRefused)
    case positionChanged(Position)
    case signalReceived(Signal)
    /// A signal that produced no order (already in position, size too small, risk).
    case signalIgnored(SignalIgnored)
    case stopUpdated(StopUpdated)
    case stopTriggered(StopTriggered)
    case tradingStateChanged(TradingStateChanged)
    case limitBreached(LimitBreached)
    case circuitBreakerTripped(CircuitBreakerEvent)
    case circuitBreakerReset(CircuitBreakerEvent)
    case fillTimeout(FillTimeoutEvent)
    case killSwitchActivated(KillSwitchActivated)
    case riskLimitsChanged(RiskLimits)
    /// The UTC day rolled over; the daily-loss reference equity is reset.
    case tradingDayStarted(TradingDayStarted)

    /// Stable type name for the journal, the audit trail and streams.
    public var typeName: String {
        switch self {
        case .orderSubmitted: return "OrderSubmitted"
        case .orderDenied: return "OrderDenied"
        case .orderAccepted: return "OrderAccepted"
        case .orderRejected: return "OrderRejected"
        case .orderFilled: return "OrderFilled"
        case .orderCancelRequested: return "OrderCancelRequested"
        case .orderCancelled: return "OrderCancelled"
        case .orderCancelRejected: return "OrderCancelRejected"
        case .orderExpired: return "OrderExpired"
        case .orderStatusUnknown: return "OrderStatusUnknown"
        case .brokerReportRefused: return "BrokerReportRefused"
        case .positionChanged: return "PositionChanged"
        case .signalReceived: return "SignalReceived"
        case .signalIgnored: return "SignalIgnored"
        case .stopUpdated: return "StopUpdated"
        case .stopTriggered: return "StopTriggered"
        case .tradingStateChanged: return "TradingStateChanged"
        case .limitBreached: return "LimitBreached"
        case .circuitBreakerTripped: return "CircuitBreakerTripped"
        case .circuitBreakerReset: return "CircuitBreakerReset"
        case .fillTimeout: return "FillTimeout"
        case .killSwitchActivated: return "KillSwitchActivated"
        case .riskLimitsChanged: return "RiskLimitsChanged"
        case .tradingDayStarted: return "TradingDayStarted"
        }
    }

    /// The order this event is about, for order streams.
    public var order: Order? {
        switch self {
        case .orderSubmitted(let o), .orderAccepted(let o), .orderCancelRequested(let o), .orderCancelled(let o),
             .orderExpired(let o), .orderStatusUnknown(let o):
            return o
        case .orderDenied(let d): return d.order
        case .orderRejected(let r), .orderCancelRejected(let r): return r.order
        case .orderFilled(let f): return f.order
        default: return nil
        }
    }

    /// Whether this event belongs on the risk-event stream.
    public var isRiskEvent: Bool {
        switch self {
        case .orderDenied, .stopUpdated, .stopTriggered, .tradingStateChanged, .limitBreached,
             .circuitBreakerTripped, .circuitBreakerReset, .fillTimeout, .killSwitchActivated, .riskLimitsChanged:
            return true
        default: return false
        }
    }
}
