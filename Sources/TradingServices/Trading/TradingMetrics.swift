import Observability
import Synchronization

/// The SLA figures the server measures about itself (MISSION.md), fed by the sequencer and the
/// RPC handlers, read by `System.GetStatus` and `/metrics`.
///
/// Threading: every member is safe from any thread (`LatencyWindow` and atomics).
public final class TradingMetrics: Sendable {
    /// Market data in (bar posted to the inbox) to order handed to the broker, milliseconds.
    public let tradeLoop = LatencyWindow(capacity: 4096)
    /// Strategy or external signal to order at the broker (engine step time), milliseconds.
    public let signalToOrder = LatencyWindow(capacity: 4096)
    /// Order creation to each fill (engine clock), milliseconds.
    public let orderToFill = LatencyWindow(capacity: 4096)
    /// Handler latency of every trading RPC (unary), milliseconds.
    public let api = LatencyWindow(capacity: 8192)
    /// Position update latency: fill report in to `PositionChanged` journaled, milliseconds.
    public let positionUpdate = LatencyWindow(capacity: 4096)

    let submitted = Atomic<Int>(0)
    let rejected = Atomic<Int>(0)
    let fills = Atomic<Int>(0)
    let fillTimeouts = Atomic<Int>(0)
    let bars = Atomic<Int>(0)
    let lastBarNanoseconds = Atomic<Int64>(0)

    public init() {}

    /// Orders refused (risk or broker) over orders attempted, since start.
    public var rejectionRate: Double {
        let s = submitted.load(ordering: .relaxed), r = rejected.load(ordering: .relaxed)
        return s + r == 0 ? 0 : Double(r) / Double(s + r)
    }

    /// Orders that missed their fill deadline over orders sent, since start.
    public var fillTimeoutRate: Double {
        let s = submitted.load(ordering: .relaxed)
        return s == 0 ? 0 : Double(fillTimeouts.load(ordering: .relaxed)) / Double(s)
    }

    public var barCount: Int { bars.load(ordering: .relaxed) }
    public var fillCount: Int { fills.load(ordering: .relaxed) }

    /// Exports the MISSION.md names and `tradebot_*` equivalents on `/metrics`.
    func register(in registry: MetricsRegistry, hub: EventHub) {
        let p95: @Sendable (LatencyWindow) -> [MetricsRegistry.Sample] = { window in
            [MetricsRegistry.Sample(value: window.quantile(0.95) ?? 0)]
        }
        registry.collect("trade_loop_latency_ms_p95", help: "Market data in to order at the broker, p95 of recent samples (ms).",
                         type: .gauge) { [tradeLoop] in p95(tradeLoop) }
        registry.collect("rejected_rate", help: "Rejected orders (risk or broker) over orders attempted since start.",
                         type: .gauge) { [self] in [MetricsRegistry.Sample(value: rejectionRate)] }
        registry.collect("fill_timeout_rate", help: "Orders past their fill deadline over orders sent since start.",
                         type: .gauge) { [self] in [MetricsRegistry.Sample(value: fillTimeoutRate)] }
        registry.collect("tradebot_trade_loop_latency_p95_milliseconds", help: "Market data to broker order, p95 (ms).",
                         type: .gauge) { [tradeLoop] in p95(tradeLoop) }
        registry.collect("tradebot_signal_to_order_p95_milliseconds", help: "Signal to broker order, p95 (ms).",
                         type: .gauge) { [signalToOrder] in p95(signalToOrder) }
        registry.collect("tradebot_order_to_fill_p95_milliseconds", help: "Order to fill, p95 (ms).",
                         type: .gauge) { [orderToFill] in p95(orderToFill) }
        registry.collect("tradebot_api_latency_p95_milliseconds", help: "Trading RPC handler latency, p95 (ms).",
                         type: .gauge) { [api] in p95(api) }
        registry.collect("tradebot_orders_submitted_total", help: "Orders sent to the broker.", type: .counter) { [self] in
            [MetricsRegistry.Sample(value: Double(submitted.load(ordering: .relaxed)))]
        }
        registry.collect("tradebot_orders_rejected_total", help: "Orders refused by risk or the broker.", type: .counter) { [self] in
            [MetricsRegistry.Sample(value: Double(rejected.load(ordering: .relaxed)))]
        }
        registry.collect("tradebot_fills_total", help: "Fills applied.", type: .counter) { [self] in
            [MetricsRegistry.Sample(value: Double(fills.load(ordering: .relaxed)))]
        }
        registry.collect("tradebot_market_data_bars_total", help: "Bars processed by the engine.", type: .counter) { [self] in
            [MetricsRegistry.Sample(value: Double(bars.load(ordering: .relaxed)))]
        }
        registry.collect("tradebot_stream_subscribers", help: "Open trading stream subscriptions.", type: .gauge) { [hub] in
            [MetricsRegistry.Sample(value: Double(hub.subscriberCount))]
        }
    }
}
