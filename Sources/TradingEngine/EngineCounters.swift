import TradingModel

/// Running totals for reports and the SLA metrics.
public struct EngineCounters: Hashable, Sendable {
    public var ordersSubmitted = 0
    public var ordersDenied = 0
    public var brokerRejections = 0
    public var fills = 0
    public var fillTimeouts = 0
    public var stopsTriggered = 0
    public var signals = 0
    public var signalsIgnored = 0
}
