import TradingModel

/// The imperative shell around one engine for replay and paper trading: feeds inputs,
/// forwards events to the sink, performs broker requests and feeds broker reports back
/// at their own simulated time.
///
/// The server runs the same loop on its sequencer thread with a journal as the sink
/// and a live or paper gateway.
public struct EngineRunner<Broker: BrokerGateway, Sink: EventSink> {
    public let engine: TradingEngine
    public var broker: Broker
    public var sink: Sink
    public let clock: ReplayClock
    private var reports: [BrokerReport] = []

    /// `clock` must be the clock the engine was built with.
    public init(engine: TradingEngine, broker: Broker, sink: Sink, clock: ReplayClock) {
        self.engine = engine
        self.broker = broker
        self.sink = sink
        self.clock = clock
        reports.reserveCapacity(16)
    }

    /// Handles one input at the current clock time and performs its effects.
    @discardableResult
    public mutating func process(_ input: EngineInput) -> CommandResult? {
        let step = engine.handle(input)
        for e in step.events { sink.append(e) }
        for r in step.requests {
            switch r {
            case .submit(let o): broker.submit(o, at: clock.now)
            case .cancel(let o): broker.cancel(o, at: clock.now)
            case .queryStatus(let id): broker.queryStatus(id, at: clock.now)
            }
        }
        return step.result
    }

    /// Delivers broker reports due up to `time`, each at its own timestamp.
    public mutating func advance(to time: Timestamp) {
        while let due = broker.nextReportTime(), due <= time {
            clock.set(due)
            reports.removeAll(keepingCapacity: true)
            broker.pollReports(upTo: due, into: &reports)
            for report in reports { process(.broker(report)) }
        }
        clock.set(time)
    }

    /// Replays one bar: reports due before it, then the broker matches its working orders
    /// against the bar (fills at the bar's time), then the engine sees the bar.
    public mutating func replay(_ bar: Bar) {
        advance(to: bar.timestamp)
        broker.marketData(bar)
        advance(to: bar.timestamp)
        process(.bar(bar))
    }
}
