import TradingModel

/// Collects what the report needs from the event stream (and hashes it).
public struct BacktestRecorder: EventSink {
    public private(set) var hash = EventStreamHash()
    public private(set) var tradeResults: [Money] = []
    public private(set) var stopUpdates = 0
    private var openTrade: Money?

    public init() {}

    public mutating func append(_ event: SequencedEvent) {
        hash.append(event)
        switch event.event {
        case .orderFilled(let f):
            let after = f.position.quantity
            let fee = f.fill.commission
            let signed = f.fill.signedQuantity.raw
            let before = after.raw - signed
            var current = openTrade ?? .zero
            current = Money(raw: current.raw &+ f.realizedPnL.raw &- fee.raw)
            let closed = before != 0 && (after.isZero || (before > 0) != (after.raw > 0))
            if closed {
                tradeResults.append(current)
                openTrade = after.isZero ? nil : .zero
            } else {
                openTrade = current
            }
        case .stopUpdated:
            stopUpdates += 1
        default:
            break
        }
    }
}
