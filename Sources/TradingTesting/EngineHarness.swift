import TradingEngine
import TradingModel

/// An engine wired to a test clock, sequential ids and a scripted broker, recording
/// every event. Tests drive it with one-line helpers and read `events`.
public final class EngineHarness {
    public let clock: TestClock
    public let engine: TradingEngine
    public let broker = ScriptedBroker()
    public private(set) var events: [SequencedEvent] = []
    public private(set) var lastStep = EngineStep()
    private var tradeCounter = 0

    public init(instruments: [Instrument] = [Fixtures.test()], limits: RiskLimits = RiskLimits(),
                cash: Money = Fixtures.money("100000"), strategies: [any Strategy] = [], clock: TestClock = TestClock(), firstOrderID: UInt64 = 1,
                orderRetention: Int = 100_000) {
        self.clock = clock
        self.engine = TradingEngine(instruments: instruments, limits: limits, initialCash: cash, clock: clock,
                                    ids: SequentialOrderIDs(startingAt: firstOrderID), strategies: strategies,
                                    orderRetention: orderRetention)
    }

    /// Handles an input, records its events, performs its broker requests.
    @discardableResult
    public func handle(_ input: EngineInput) -> EngineStep {
        let step = engine.handle(input)
        events.append(contentsOf: step.events)
        for r in step.requests {
            switch r {
            case .submit(let o): broker.submit(o, at: clock.now)
            case .cancel(let o): broker.cancel(o, at: clock.now)
            case .queryStatus(let id): broker.queryStatus(id, at: clock.now)
            }
        }
        lastStep = step
        return step
    }

    /// Events emitted by the last `handle`.
    public var lastEvents: [EngineEvent] { lastStep.events.map(\.event) }
    public var lastTypes: [String] { lastStep.events.map(\.event.typeName) }

    @discardableResult
    public func submit(_ request: OrderRequest) -> CommandResult? { handle(.command(.submitOrder(request))).result }

    /// Submits a market order and returns the order (nil if denied).
    @discardableResult
    public func market(_ side: OrderSide, _ qty: String, symbol: Symbol = "TEST", client: ClientOrderID? = nil,
                       reduceOnly: Bool = false, bracket: Bracket? = nil) -> Order? {
        let r = OrderRequest(clientOrderID: client, symbol: symbol, side: side, quantity: Fixtures.quantity(qty),
                             reduceOnly: reduceOnly, bracket: bracket)
        if case .order(let o) = submit(r) { return o }
        return nil
    }

    /// Feeds a bar with the given prices at the current clock time.
    public func bar(_ symbol: Symbol = "TEST", open: String, high: String, low: String, close: String, volume: String = "1000") {
        handle(.bar(Bar(symbol: symbol, timestamp: clock.now, open: Fixtures.price(open), high: Fixtures.price(high),
                        low: Fixtures.price(low), close: Fixtures.price(close), volume: Fixtures.quantity(volume))))
    }

    /// A flat bar at one price.
    public func price(_ p: String, symbol: Symbol = "TEST") { bar(symbol, open: p, high: p, low: p, close: p) }

    public func accept(_ id: OrderID) { handle(.broker(.accepted(id, at: clock.now))) }

    /// Reports a fill; a fresh trade id unless one is given.
    public func fill(_ order: Order, _ qty: String, at price: String, tradeID: TradeID? = nil, commission: String = "0") {
        tradeCounter += 1
        handle(.broker(.filled(Fill(tradeID: tradeID ?? TradeID("T-\(tradeCounter)"), orderID: order.id,
                                     symbol: order.symbol, side: order.side, quantity: Fixtures.quantity(qty),
                                     price: Fixtures.price(price), commission: Fixtures.money(commission),
                                     timestamp: clock.now))))
    }

    /// Submits, accepts and completely fills a market order.
    @discardableResult
    public func trade(_ side: OrderSide, _ qty: String, at price: String, symbol: Symbol = "TEST",
                      commission: String = "0") -> Order? {
        guard let o = market(side, qty, symbol: symbol) else { return nil }
        accept(o.id)
        fill(o, qty, at: price, commission: commission)
        return engine.order(o.id)
    }

    /// Every event of the given type name, in order.
    public func events(named name: String) -> [EngineEvent] { events.map(\.event).filter { $0.typeName == name } }
}
