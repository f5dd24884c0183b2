#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Observability
import Persistence
import TradingEngine
import TradingModel
import TradingServices

/// `server-restart`: builds a data directory holding `--events` journal events produced by the
/// real server path (the engine on its sequencer thread, the paper broker, the store with the
/// product's projections), then times `TradebotServer` init + start until the engine answers its
/// first query: with the startup snapshot (taken `--tail` events before the end, the worst case of
/// a crash just before the next periodic one) and with `TRADEBOT_SNAPSHOT_RESTORE=off` (full replay).
func benchServerRestart() async {
    let events = option("--events", 1_000_000)
    let tail = option("--tail", 100_000)
    let runs = option("--runs", 5)
    let keep = optionText("--dir", "")
    let dir = keep.isEmpty ? freshDirectory("server-restart") : keep
    defer { if keep.isEmpty { try? FileManager.default.removeItem(atPath: dir) } }
    // Measured starts must not change the directory: no scheduled or shutdown snapshots.
    setenv(SnapshotConfiguration.Variable.everyEvents, "off", 1)
    setenv(SnapshotConfiguration.Variable.interval, "off", 1)
    setenv(SnapshotConfiguration.Variable.onShutdown, "off", 1)
    print("server-restart: \(events) journal events, snapshot \(tail) events before the end, \(runs) runs, dir \(dir)")
    do {
        let existing = (try? EventStore(directory: dir, codec: ServerEventCodec())).map { s -> Int64 in
            defer { s.close() }
            return s.startupReport.lastSequence
        } ?? 0
        if existing < Int64(events) {
            try await build(dir: dir, events: events, tail: tail)
        } else {
            print("  reusing the directory (\(existing) events)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: dir + "/tradebot.db")[.size] as? Int) ?? 0
        print("  database: \(size / 1_048_576) MiB")
        var with: [Double] = [], without: [Double] = []
        let only = optionText("--only", "")  // "snapshot" or "replay" to time one kind (profiling)
        for run in 1...runs {
            setenv(SnapshotConfiguration.Variable.restore, "on", 1)
            let a = only == "replay" ? (0, 0) : try await timeStart(dir: dir)
            setenv(SnapshotConfiguration.Variable.restore, "off", 1)
            let b = only == "snapshot" ? (0, 0) : try await timeStart(dir: dir)
            with.append(a.0)
            without.append(b.0)
            print(String(format: "  run %d: with snapshot %.3f s (open %.3f s); full replay %.3f s (open %.3f s)",
                         run, a.0, a.1, b.0, b.1))
        }
        print(String(format: "server-restart median: with snapshot %.3f s, full replay %.3f s", median(with), median(without)))
    } catch { fail(error) }
}

private func settings() throws -> TradingSettings {
    var s = TradingSettings(instruments: [try TradingSettings.eurusd()], limits: RiskLimits(),
                            initialCash: Money(raw: 10_000_000 * FixedPoint.scale),
                            broker: PaperBrokerConfig(seed: 1, ackLatency: .zero))
    s.sma = nil
    s.timerMilliseconds = 1_000
    return s
}

private func makeServer(dir: String, log: Logger) throws -> (TradebotServer, TradingComponent) {
    var config = ServerConfiguration()
    config.dataDirectory = dir
    config.listen = ListenAddress(host: "127.0.0.1", port: 0)
    config.eventLoops = 1
    config.shutdownGraceMilliseconds = 0
    let trading = try settings()
    let box = BenchBox<TradingComponent>()
    let server = try TradebotServer(configuration: config, version: "bench", log: log, makeComponents: { runtime in
        let c = TradingComponent(runtime: runtime, settings: trading)
        box.value = c
        return [try IdentityComponent.standard(runtime), c]
    })
    guard let component = box.value else { throw StoreError(.invalidArgument, path: dir, message: "no trading component") }
    return (server, component)
}

/// Orders of 1,000 units alternating buy and sell (the position stays flat), each acknowledged
/// and filled by the next bar: submitted, accepted, filled and position changed = 4 events.
private func build(dir: String, events: Int, tail: Int) async throws {
    let log = Logger(label: "bench", minimumLevel: .error)
    let (server, component) = try makeServer(dir: dir, log: log)
    try await server.start()
    let host = component.host
    let symbol = try TradingSettings.eurusd().symbol
    let started = now()
    var snapshotTaken = false
    var i = 0
    while true {
        let assigned = server.runtime.store.lastAssignedSequence
        if !snapshotTaken && assigned >= Int64(events - tail) {
            try await settle(host)
            let through = try await server.takeSnapshot()
            print("  snapshot through \(through.map { "\($0)" } ?? "-")")
            snapshotTaken = true
        }
        if assigned >= Int64(events) { break }
        let request = OrderRequest(clientOrderID: ClientOrderID("bench-\(i)"), symbol: symbol, side: i % 2 == 0 ? .buy : .sell,
                                   type: .market, quantity: Quantity(raw: 1_000 * FixedPoint.scale))
        _ = try await host.submit(.command(.submitOrder(request)))
        let price = Price(raw: 107_000_000 + Int64(i % 1_000) * 1_000)
        host.post(.bar(Bar(symbol: symbol, timestamp: Timestamp(nanoseconds: 0), open: price, high: price, low: price,
                           close: price, volume: Quantity(raw: 1_000_000 * FixedPoint.scale))))
        i += 1
        if i % 50_000 == 0 { print("  \(assigned) events, \(i) orders, \(String(format: "%.1f", Double(now() - started) / 1e9)) s") }
    }
    try await settle(host)
    try server.runtime.store.flush()
    print(String(format: "  built %d events (%d orders) in %.1f s", server.runtime.store.lastAssignedSequence, i,
                 Double(now() - started) / 1e9))
    await server.shutdown()
}

/// Waits until no order is open (every fill delivered), posting bars as needed.
private func settle(_ host: EngineHost) async throws {
    let symbol = try TradingSettings.eurusd().symbol
    for _ in 0..<100 {
        let open = try await host.query { $0.engine.openOrders.count }
        if open == 0 { return }
        let price = Price(raw: 107_000_000)
        host.post(.bar(Bar(symbol: symbol, timestamp: Timestamp(nanoseconds: 0), open: price, high: price, low: price,
                           close: price, volume: Quantity(raw: 1_000_000 * FixedPoint.scale))))
        usleep(1_000)
    }
}

/// Seconds from `TradebotServer.init` until the started engine answers a query, and of that the
/// store open (quick_check, projection checks).
private func timeStart(dir: String) async throws -> (Double, Double) {
    let log = Logger(label: "bench", minimumLevel: .error)
    let cpu0 = cpuSeconds()
    let t0 = now()
    let (server, component) = try makeServer(dir: dir, log: log)
    try await server.start()
    _ = try await component.host.query { $0.lastSequence }
    let seconds = Double(now() - t0) / 1e9
    print(String(format: "    start: %.3f s wall, %.3f s CPU (all threads)", seconds, cpuSeconds() - cpu0))
    let open = Double(server.runtime.store.startupReport.openNanoseconds) / 1e9
    await server.shutdown()
    return (seconds, open)
}

/// Carries the component out of the `makeComponents` closure.
private final class BenchBox<T>: @unchecked Sendable {
    // Written once inside TradebotServer.init on this thread, read after it returns.
    var value: T?
}

/// `codec`: encode and decode a realistic mix of journal events with payload version 1 (JSON)
/// and version 2 (binary), and the engine-host snapshot section of `--orders` orders.
func benchCodec() {
    let count = option("--events", 200_000)
    let runs = option("--runs", 5)
    do {
        let symbol = try TradingSettings.eurusd().symbol
        var sample: [ServerEvent] = []
        let t = Timestamp(nanoseconds: 1_700_000_000_000_000_000)
        for i in 0..<4 {
            let request = OrderRequest(clientOrderID: ClientOrderID("bench-\(i)"), symbol: symbol, side: .buy, type: .limit,
                                       quantity: Quantity(raw: 1_000 * FixedPoint.scale), limitPrice: Price(raw: 107_000_000))
            var order = Order(id: OrderID(UInt64(1_000 + i)), request: request, createdAt: t)
            sample.append(.engine(.orderSubmitted(order)))
            try order.apply(.accept, at: t)
            sample.append(.engine(.orderAccepted(order)))
        }
        let codecs = [("v1 JSON", ServerEventCodec(writing: 1)), ("v2 binary", ServerEventCodec())]
        let only = optionText("--only", "")
        for (name, codec) in codecs where only.isEmpty || name.contains(only) {
            var encodes: [Double] = [], decodes: [Double] = []
            var bytes = 0
            for _ in 1...runs {
                var payloads: [[UInt8]] = []
                payloads.reserveCapacity(count)
                var t0 = now()
                for i in 0..<count { payloads.append(try codec.encodePayload(sample[i % sample.count]).bytes) }
                encodes.append(Double(now() - t0) / Double(count))
                bytes = payloads.prefix(sample.count).reduce(0) { $0 + $1.count } / sample.count
                t0 = now()
                for (i, p) in payloads.enumerated() {
                    let e = sample[i % sample.count]
                    _ = try codec.decode(typeName: e.typeName, payloadVersion: codec.writeVersion, payload: p)
                }
                decodes.append(Double(now() - t0) / Double(count))
            }
            print(String(format: "codec %@: encode %.2f µs, decode %.2f µs per event (median of %d), %d bytes per event",
                         name, median(encodes) / 1e3, median(decodes) / 1e3, runs, bytes))
        }
    } catch { fail(error) }
}

/// User + system CPU seconds of this process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
