// Release-mode harness for the Persistence module; figures go to docs/PERFORMANCE.md.
//
//   tradebot-store-bench append  [--events N] [--payload BYTES] [--sync full|normal] [--projection] [--runs R]
//   tradebot-store-bench latency [--events N] [--load EVENTS_PER_SECOND] [--inline-checkpoints] [--runs R]
//   tradebot-store-bench restart [--events N] [--snapshot-every N] [--runs R]
//   tradebot-store-bench backup  [--size-mb MB] [--payload BYTES] [--runs R] [--encrypt]
//   tradebot-store-bench server-restart [--events N] [--tail N] [--runs R] [--dir DIR] [--only snapshot|replay]
//   tradebot-store-bench codec   [--events N] [--runs R]
//
// Each command works in a fresh directory under $TMPDIR (default /tmp) and removes it afterwards.
import Dispatch
import Foundation
import Persistence
import Synchronization

/// A stand-in for an engine event: a type tag and an opaque body (about the size of an encoded order).
struct BenchEvent: Sendable {
    var kind: UInt8
    var body: [UInt8]
}

struct BenchCodec: EventCodec {
    static let names = ["OrderAccepted", "Filled", "PositionChanged", "OrderCancelled"]
    func typeName(of event: BenchEvent) -> String { Self.names[Int(event.kind) % Self.names.count] }
    func encode(_ event: BenchEvent) throws -> [UInt8] { event.body }
    func decode(typeName: String, payloadVersion: Int, payload: [UInt8]) throws -> BenchEvent {
        BenchEvent(kind: UInt8(Self.names.firstIndex(of: typeName) ?? 0), body: payload)
    }
}

/// A projection of the cost of a typical one: one upsert per event (an order row keyed by id).
struct BenchProjection: Projection {
    var name: String { "bench_orders" }
    var version: Int { 1 }
    var schema: [StaticString] {
        ["CREATE TABLE IF NOT EXISTS p_bench_orders(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, last_seq INTEGER NOT NULL, updates INTEGER NOT NULL)"]
    }
    var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS p_bench_orders"] }

    func apply(_ event: JournalEvent<BenchEvent>, to context: ProjectionContext) throws {
        try context.execute("""
            INSERT INTO p_bench_orders(id, kind, last_seq, updates) VALUES(?, ?, ?, 1)
            ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, last_seq = excluded.last_seq, updates = updates + 1
            """, .integer(event.sequence / 4), .integer(Int64(event.event.kind)), .integer(event.sequence))
    }
}

func option(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) { return v }
    return fallback
}

func optionText(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return fallback
}

func now() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}

func percentile(_ sorted: [Int64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1_000
}

func freshDirectory(_ label: String) -> String {
    let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    let path = "\(base)/store-bench-\(label)-\(getpid())-\(now())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func body(_ size: Int, _ seed: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) } }

func fail(_ error: any Error) -> Never {
    print("error: \(error)")
    exit(1)
}

/// Sustained append throughput: one producer (the engine thread) appends as fast as it can.
func benchAppend() {
    let events = option("--events", 1_000_000)
    let payload = option("--payload", 100)
    let runs = option("--runs", 5)
    var configuration = StoreConfiguration()
    configuration.synchronous = optionText("--sync", "full") == "normal" ? .normal : .full
    let projections: [any Projection<BenchEvent>] = CommandLine.arguments.contains("--projection") ? [BenchProjection()] : []
    print("append: \(events) events of \(payload) bytes, synchronous=\(configuration.synchronous.rawValue), "
          + "projections \(projections.count), \(runs) runs")
    var rates: [Double] = []
    let bodies = (0..<64).map { body(payload, $0) }
    for run in 1...runs {
        let dir = freshDirectory("append")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let store = try EventStore(directory: dir, codec: BenchCodec(), projections: projections,
                                       configuration: configuration)
            let start = now()
            for i in 0..<events {
                try store.append(BenchEvent(kind: UInt8(i & 3), body: bodies[i & 63]), timeNanoseconds: Int64(i))
                // Keep the queue bounded like a real engine would (back-pressure), without sleeping.
                if i & 0xffff == 0xffff && store.lastAssignedSequence - store.committedSequence > 200_000 {
                    try store.waitForCommit(of: store.lastAssignedSequence - 100_000)
                }
            }
            try store.flush()
            let seconds = Double(now() - start) / 1e9
            store.close()
            let rate = Double(events) / seconds
            rates.append(rate)
            print(String(format: "  run %d: %.3f s, %.0f events/s", run, seconds, rate))
        } catch { fail(error) }
    }
    print(String(format: "append median: %.0f events/s", median(rates)))
}

/// Commit latency of a single durable event (append + wait), idle or under a background load.
func benchLatency() {
    let events = option("--events", 5_000)
    let load = option("--load", 0)
    let runs = option("--runs", 5)
    var configuration = StoreConfiguration()
    configuration.backgroundCheckpoints = !CommandLine.arguments.contains("--inline-checkpoints")
    print("latency: \(events) durable single events, background load \(load) events/s, "
          + "background checkpoints \(configuration.backgroundCheckpoints), \(runs) runs")
    var p50s: [Double] = [], p99s: [Double] = [], maxes: [Double] = []
    for run in 1...runs {
        let dir = freshDirectory("latency")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let store = try EventStore(directory: dir, codec: BenchCodec(), configuration: configuration)
            let stop = Atomic<Bool>(false)
            let loader = Thread {
                guard load > 0 else { return }
                let perMilli = max(1, load / 1_000)
                var next = now()
                let payload = body(100, 1)
                while !stop.load(ordering: .relaxed) {
                    // Paced in 1 ms slots; sleeping (not spinning) so the loader does not take a core.
                    let wait = next - now()
                    if wait > 0 { usleep(UInt32(wait / 1_000)) }
                    next += 1_000_000
                    for _ in 0..<perMilli { _ = try? store.append(BenchEvent(kind: 1, body: payload), timeNanoseconds: 0) }
                }
            }
            loader.start()
            var samples: [Int64] = []
            samples.reserveCapacity(events)
            let payload = body(100, 2)
            for i in 0..<events {
                let t0 = now()
                try store.appendAndWait(BenchEvent(kind: 0, body: payload), timeNanoseconds: Int64(i))
                samples.append(now() - t0)
            }
            stop.store(true, ordering: .relaxed)
            try store.flush()
            store.close()
            samples.sort()
            let p50 = percentile(samples, 0.50), p99 = percentile(samples, 0.99), mx = percentile(samples, 1.0)
            p50s.append(p50); p99s.append(p99); maxes.append(mx)
            print(String(format: "  run %d: p50 %.0f µs, p99 %.0f µs, max %.0f µs", run, p50, p99, mx))
        } catch { fail(error) }
    }
    print(String(format: "latency median: p50 %.0f µs, p99 %.0f µs, max %.0f µs", median(p50s), median(p99s), median(maxes)))
}

/// Restart: open (quick_check, migrations), load the latest snapshot, replay the events after it.
func benchRestart() {
    let events = option("--events", 1_000_000)
    let every = option("--snapshot-every", 100_000)
    let runs = option("--runs", 5)
    let dir = freshDirectory("restart")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    print("restart: \(events) events, a snapshot every \(every), \(runs) runs")
    do {
        let store = try EventStore(directory: dir, codec: BenchCodec())
        let bodies = (0..<64).map { body(100, $0) }
        var state: UInt64 = 0
        let tail = events % every == 0 ? every / 2 : 0 // leave events after the last snapshot
        for i in 0..<events {
            let e = BenchEvent(kind: UInt8(i & 3), body: bodies[i & 63])
            let seq = try store.append(e, timeNanoseconds: Int64(i))
            state = state &* 31 &+ UInt64(e.body[0]) &+ UInt64(seq)
            if seq % Int64(every) == 0 && Int(seq) <= events - tail {
                try store.waitForCommit(of: seq)
                try store.saveSnapshot(withUnsafeBytes(of: state) { Array($0) }, format: "bench/1", through: seq)
            }
        }
        try store.flush()
        store.close()
        let size = (try? FileManager.default.attributesOfItem(atPath: dir + "/tradebot.db")[.size] as? Int) ?? 0
        print("  database: \(size / 1_048_576) MiB")
        var withSnapshot: [Double] = [], full: [Double] = []
        for run in 1...runs {
            var t0 = now()
            var reopened = try EventStore(directory: dir, codec: BenchCodec())
            var restored: UInt64 = 0
            var from: Int64 = 0
            if let snapshot = try reopened.latestSnapshot() {
                restored = snapshot.data.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                from = snapshot.sequence
            }
            var replayed = 0
            try reopened.replay(after: from) { e in
                restored = restored &* 31 &+ UInt64(e.event.body[0]) &+ UInt64(e.sequence)
                replayed += 1
            }
            let a = Double(now() - t0) / 1e9
            reopened.close()
            guard restored == state else { fail(StoreError(.invalidArgument, path: dir, message: "state mismatch after restart")) }
            t0 = now()
            reopened = try EventStore(directory: dir, codec: BenchCodec())
            var all: UInt64 = 0
            try reopened.replay(after: 0) { e in all = all &* 31 &+ UInt64(e.event.body[0]) &+ UInt64(e.sequence) }
            let b = Double(now() - t0) / 1e9
            reopened.close()
            guard all == state else { fail(StoreError(.invalidArgument, path: dir, message: "state mismatch after full replay")) }
            withSnapshot.append(a)
            full.append(b)
            print(String(format: "  run %d: open+snapshot+replay %d events %.3f s; open+full replay %.3f s", run, replayed, a, b))
        }
        print(String(format: "restart median: with snapshot %.3f s, full replay %.3f s", median(withSnapshot), median(full)))
    } catch { fail(error) }
}

/// Backup, verify and verified restore of a database grown to --size-mb.
func benchBackup() {
    let megabytes = option("--size-mb", 1_024)
    let runs = option("--runs", 3)
    let encrypt = CommandLine.arguments.contains("--encrypt")
    let dir = freshDirectory("backup")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    print("backup: database of ~\(megabytes) MiB (event payload \(option("--payload", 4_000)) bytes), encrypted=\(encrypt), \(runs) runs")
    do {
        let data = dir + "/data"
        let store = try EventStore(directory: data, codec: BenchCodec())
        let payload = option("--payload", 4_000)
        let bodies = (0..<64).map { body(payload, $0) }
        let count = megabytes * 1_048_576 / (payload + 40)
        let t0 = now()
        for i in 0..<count {
            try store.append(BenchEvent(kind: UInt8(i & 3), body: bodies[i & 63]), timeNanoseconds: Int64(i))
            if i & 0xffff == 0xffff { try store.waitForCommit(of: store.lastAssignedSequence - 20_000) }
        }
        try store.flush()
        print(String(format: "  filled %d events in %.1f s", count, Double(now() - t0) / 1e9))
        let key = encrypt ? try BackupKey(bytes: (0..<32).map { UInt8($0) }) : nil
        let manager = BackupManager(dataDirectory: data, toolVersion: "tradebot-store-bench")
        var creates: [Double] = [], verifies: [Double] = [], restores: [Double] = []
        for run in 1...runs {
            var t = now()
            let created = try manager.create(key: key, retain: 1)
            let c = Double(now() - t) / 1e9
            t = now()
            try manager.verify(created.path, key: key)
            let v = Double(now() - t) / 1e9
            let target = dir + "/restore-\(run)"
            t = now()
            try BackupManager.restore(created.path, into: target, key: key)
            let r = Double(now() - t) / 1e9
            try? FileManager.default.removeItem(atPath: target)
            creates.append(c); verifies.append(v); restores.append(r)
            let size = created.manifest.databaseSize
            print(String(format: "  run %d: %d MiB, create %.2f s, verify %.2f s, verified restore %.2f s", run,
                         Int(size / 1_048_576), c, v, r))
        }
        store.close()
        print(String(format: "backup median: create %.2f s, verify %.2f s, verified restore %.2f s",
                     median(creates), median(verifies), median(restores)))
    } catch { fail(error) }
}

switch CommandLine.arguments.dropFirst().first {
case "append": benchAppend()
case "latency": benchLatency()
case "restart": benchRestart()
case "backup": benchBackup()
case "server-restart": await benchServerRestart()
case "codec": benchCodec()
default:
    print("usage: tradebot-store-bench append|latency|restart|backup|server-restart|codec [options] (see the header of main.swift)")
    exit(2)
}
