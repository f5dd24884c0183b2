#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HTTP2Transport
import NetIO
import Observability
import RPCCore
import Synchronization
import TradingEngine
import TradingModel
import TradingProtocol
@testable import TradingServices

/// A real `TradebotServer` (TLS, HTTP/2, store, engine) on an ephemeral port with a temporary data
/// directory, its trading component reachable so tests can feed bars deterministically.
final class TradingTestServer: Sendable {
    let server: TradebotServer
    let component: TradingComponent
    let connection: HTTP2ClientConnection
    let rpc: RPCClient
    let directory: String

    var orders: TradebotV1.Orders.Client { .init(rpc) }
    var portfolio: TradebotV1.Portfolio.Client { .init(rpc) }
    var risk: TradebotV1.Risk.Client { .init(rpc) }
    var system: TradebotV1.System.Client { .init(rpc) }
    var marketData: TradebotV1.MarketData.Client { .init(rpc) }

    /// Settings for tests: EURUSD, paper broker with immediate acknowledgements, no feed, no strategy.
    static func settings(limits: RiskLimits = TradingSettings.defaultLimits(), buffer: Int = 4096) throws -> TradingSettings {
        var s = TradingSettings(instruments: [try TradingSettings.eurusd()], limits: limits,
                                initialCash: Money(raw: 100_000 * FixedPoint.scale),
                                broker: PaperBrokerConfig(seed: 7, ackLatency: .zero))
        s.sma = nil
        s.subscriberBuffer = buffer
        return s
    }

    static func makeDirectory() -> String {
        let path = NSTemporaryDirectory() + "tradebot-trading-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func start(directory: String? = nil, settings: TradingSettings? = nil,
                      initialWindowSize: UInt32 = 1 << 20,
                      now: @escaping @Sendable () -> Int64 = TradebotServer.wallClockNanoseconds,
                      snapshots: SnapshotConfiguration? = nil,
                      otherComponents: (ServerRuntime) throws -> [any ServerComponent] = { _ in [] }) async throws -> TradingTestServer {
        // TLS writes go through OpenSSL's socket BIO (write(2), no MSG_NOSIGNAL): a peer that closed
        // first raises SIGPIPE. tradebotd ignores it (SignalWaiter); the test process must as well.
        signal(SIGPIPE, SIG_IGN)
        let dir = directory ?? makeDirectory()
        var config = ServerConfiguration()
        config.dataDirectory = dir
        config.listen = ListenAddress(host: "127.0.0.1", port: 0)
        config.eventLoops = 1
        config.shutdownGraceMilliseconds = 200
        let s = try settings ?? Self.settings()
        let box = Mutex<TradingComponent?>(nil)
        let server = try TradebotServer(configuration: config, version: "test", log: Logger(label: "test", minimumLevel: .error),
                                        now: now, snapshotConfiguration: snapshots, makeComponents: { runtime in
                                            let c = TradingComponent(runtime: runtime, settings: s)
                                            box.withLock { $0 = c }
                                            return [c] + (try otherComponents(runtime))
                                        })
        try await server.start()
        guard let component = box.withLock({ $0 }) else { throw TestFailure("no trading component") }
        let tls = try TLSContext.client(trustRootsFile: server.certificatePath)
        let connection = try await HTTP2ClientConnection.connect(host: "127.0.0.1", port: server.port, tls: tls,
                                                                 serverName: "localhost", initialWindowSize: initialWindowSize)
        return TradingTestServer(server: server, component: component, connection: connection, directory: dir)
    }

    private init(server: TradebotServer, component: TradingComponent, connection: HTTP2ClientConnection, directory: String) {
        self.server = server
        self.component = component
        self.connection = connection
        self.rpc = RPCClient(transport: connection)
        self.directory = directory
    }

    /// Feeds one EURUSD bar and returns once the engine has processed it (and every report due).
    func bar(_ close: String, high: String? = nil, low: String? = nil) async throws {
        let c = try Price(close)
        let bar = Bar(symbol: "EURUSD", timestamp: .zero, open: c, high: try Price(high ?? close), low: try Price(low ?? close),
                      close: c, volume: Quantity(raw: 1_000_000 * FixedPoint.scale))
        component.host.post(.bar(bar))
        try await settle()
    }

    /// Waits until everything queued before it ran on the sequencer, then until it is committed.
    func settle() async throws {
        _ = try await component.host.query { _ in 0 }
        _ = try await component.host.query { _ in 0 }
        try await server.runtime.store.committed(through: server.runtime.store.lastAssignedSequence)
    }

    func stop(removeDirectory: Bool = true) async {
        await connection.close()
        await server.shutdown()
        if removeDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func submit(_ side: TradebotV1.Side, _ quantity: String, limit: String = "",
                       clientOrderID: String = "", symbol: String = "EURUSD") -> TradebotV1.SubmitOrderRequest {
        var r = TradebotV1.SubmitOrderRequest()
        r.clientOrderID = clientOrderID
        r.symbol = symbol
        r.side = side
        r.type = limit.isEmpty ? .market : .limit
        r.quantity = quantity
        r.limitPrice = limit
        r.timeInForce = .gtc
        return r
    }
}

/// A wall clock the test moves by hand (starts at the real time so UTC days look ordinary).
final class TestWallClock: Sendable {
    private let nanoseconds = Mutex<Int64>(TradebotServer.wallClockNanoseconds())
    var now: @Sendable () -> Int64 { { [self] in nanoseconds.withLock { $0 } } }
    func advance(seconds: Int64) { nanoseconds.withLock { $0 += seconds * 1_000_000_000 } }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Reads `count` messages from a stream, failing (not hanging) if they do not come within `seconds`.
func collect<M>(_ count: Int, from stream: TypedResponseStream<M>, seconds: Double = 20) async throws -> [M] {
    try await withThrowingTaskGroup(of: [M]?.self) { group in
        group.addTask {
            var out: [M] = []
            for try await m in stream {
                out.append(m)
                if out.count == count { break }
            }
            return out
        }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        guard let first = try await group.next(), let result = first else {
            group.cancelAll()
            stream.cancel()
            throw TestFailure("timed out waiting for \(count) stream messages")
        }
        group.cancelAll()
        return result
    }
}

extension Decimal {
    init(wire text: String) throws {
        guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { throw TestFailure("not a decimal: \(text)") }
        self = d
    }
}
