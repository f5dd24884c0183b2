import Dispatch
import Persistence
import RPCCore
import TradingEngine
import TradingModel
import TradingProtocol

/// The trading part of the server: the engine host, the market feed, and every trading RPC and
/// stream (Orders, Portfolio, Risk, MarketData, Strategies listing, System.GetStatus).
///
/// Handlers never check roles (the auth interceptor does, from its policy table); they validate
/// input, send commands through the engine's ordered inbox and answer once the result is durable.
///
/// Threading: `Sendable`; handlers run on any thread; the engine only on the sequencer thread.
public final class TradingComponent: ServerComponent {
    public let host: EngineHost
    public let feed: MarketFeed
    let runtime: ServerRuntime
    let streamer: TradingStreamer
    let signals = SignalLedger()
    /// Encoded `FillEvent`s shared by all SubscribeFills streams.
    let fillEncodings = SharedEncodings()
    var settings: TradingSettings { host.settings }
    var account: String { host.settings.account.value }

    /// Builds the host (state is rebuilt from `recover` calls before `start`).
    public init(runtime: ServerRuntime, settings: TradingSettings) {
        self.runtime = runtime
        host = EngineHost(settings: settings, store: runtime.store, log: runtime.log, now: runtime.now)
        feed = MarketFeed(host: host, bars: settings.feedBars, barsPerSecond: settings.barsPerSecond, loop: settings.loopFeed)
        streamer = TradingStreamer(hub: host.hub, store: runtime.store)
        host.metrics.register(in: runtime.metrics, hub: host.hub)
    }

    /// Only engine events rebuild trading state.
    public var recoveredEventTypes: [String]? { ["engine."] }

    /// The engine host keeps a snapshot section (`EngineHostSnapshot`).
    public var snapshotSection: String? { EngineHostSnapshot.section }

    public func restoreSnapshot(_ section: SnapshotSection) throws {
        try host.restoreSnapshot(section)
    }

    public func makeSnapshot() async throws -> SnapshotSection? {
        let data = try await host.makeSnapshot()
        return SnapshotSection(name: EngineHostSnapshot.section, format: data.format, through: data.through, data: data.data)
    }

    public func recover(_ event: JournalEvent<ServerEvent>) throws {
        guard case .engine(let e) = event.event else { return }
        host.recover(JournaledEngineEvent(sequence: event.sequence, timeNanoseconds: event.timeNanoseconds, event: e))
    }

    public func register(in router: inout RPCRouter) {
        registerOrders(in: &router)
        registerPortfolio(in: &router)
        registerRisk(in: &router)
        registerRiskLimits(in: &router)
        registerMarketData(in: &router)
        registerStrategies(in: &router)
        registerSignals(in: &router)
        registerSystem(in: &router)
    }

    /// Starts the sequencer (the engine is rebuilt first), then the feed.
    public func start(_ runtime: ServerRuntime) async throws {
        host.start()
        feed.start()
        // When the server starts draining (health turns NOT_SERVING), end the trading streams at
        // once with UNAVAILABLE, so subscribers reconnect elsewhere instead of holding the grace period.
        let statuses = runtime.health.watch("")
        let host = host
        Task {
            for await status in statuses where status == .notServing { break }
            host.hub.finishAll()
            host.quotes.finishAll()
        }
        runtime.log.info("trading started", ["instruments": settings.instruments.map(\.symbol.value).joined(separator: ","),
                                             "feed": settings.feedBars.isEmpty ? "none" : settings.feedSource,
                                             "bars_per_second": "\(settings.barsPerSecond)",
                                             "strategy": settings.sma.map { "sma(\($0.fast),\($0.slow))" } ?? "none"])
    }

    public func shutdown() async {
        feed.stop()
        host.stop()
    }

    // MARK: helpers shared by the handlers

    /// Runs a handler body and records its latency for the API SLA.
    func timed<T: Sendable>(_ body: () async throws(RPCError) -> T) async throws(RPCError) -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { host.metrics.api.record(Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e6) }
        return try await body()
    }

    func query<T: Sendable>(_ body: @escaping @Sendable (SequencerStateView) -> T) async throws(RPCError) -> T {
        do { return try await host.query(body) } catch { throw Self.rpcError(error) }
    }

    func execute(_ command: EngineCommand,
                 onlyIf: (@Sendable (SequencerStateView) -> Bool)? = nil) async throws(RPCError) -> EngineHost.Outcome {
        do { return try await host.execute(command, onlyIf: onlyIf) } catch { throw Self.rpcError(error) }
    }

    static func rpcError(_ error: EngineHost.HostError) -> RPCError {
        switch error {
        case .stopped: RPCError(code: .unavailable, message: "the trading engine is not running")
        case .store(let reason): RPCError(code: .unavailable, message: "the journal cannot record the change: \(reason)")
        case .preconditionFailed: RPCError(code: .failedPrecondition, message: "VERSION_MISMATCH: the state changed; read it again")
        }
    }

    static func invalid(_ field: String, _ reason: String) -> RPCError {
        RPCError(code: .invalidArgument, message: "\(field): \(reason)")
    }

    func instrument(named symbol: String) -> Instrument? {
        settings.instruments.first { $0.symbol.value == symbol }
    }

    /// `O-12` or `12`.
    static func orderID(_ text: String) -> OrderID? {
        let digits = text.hasPrefix("O-") ? text.dropFirst(2) : Substring(text)
        return UInt64(digits).map(OrderID.init)
    }

    /// Finds the order a `oneof target` names (NOT_FOUND when none; INVALID_ARGUMENT when unset).
    func resolve(_ target: TradebotV1.OrderTarget?) async throws(RPCError) -> (Order, Int64) {
        let found: (Order, Int64)?
        switch target {
        case .orderID(let text)?:
            guard let id = Self.orderID(text) else { throw Self.invalid("order_id", "expected an order id such as O-12") }
            found = try await query { v in v.engine.order(id).map { ($0, v.journalSequence(of: $0)) } }
        case .clientOrderID(let text)?:
            guard !text.isEmpty else { throw Self.invalid("client_order_id", "must not be empty") }
            found = try await query { v in
                v.engine.order(clientOrderID: ClientOrderID(text)).map { ($0, v.journalSequence(of: $0)) }
            }
        case nil:
            throw Self.invalid("target", "set order_id or client_order_id")
        }
        guard let found else { throw RPCError(code: .notFound, message: "no such order") }
        return found
    }

    /// `sequence`-filtered symbol and strategy filter shared by the order and fill streams.
    static func matches(_ order: Order, symbols: Set<String>, strategy: String) -> Bool {
        (symbols.isEmpty || symbols.contains(order.symbol.value)) && (strategy.isEmpty || order.strategyID?.value == strategy)
    }
}
