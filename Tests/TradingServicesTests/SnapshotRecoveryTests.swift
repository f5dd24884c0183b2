import Foundation
import Persistence
import RPCCore
import Synchronization
import Testing
import TradingEngine
import TradingModel
import TradingProtocol
@testable import TradingServices

/// Startup snapshots: a restart from a snapshot plus the journal tail comes up exactly as a full
/// replay would; an unreadable snapshot never stops a start; components without a snapshot still
/// see every event they recover from; old JSON journals still load.
@Suite("Startup snapshots and journal formats", .serialized)
struct SnapshotRecoveryTests {
    typealias T = TradingTestServer
    static let quiet = SnapshotConfiguration(everyEvents: nil, interval: nil, onShutdown: false)
    static let noRestore = SnapshotConfiguration(everyEvents: nil, interval: nil, onShutdown: false, restore: false)

    /// Records the sequence of every event it is handed at recovery (no snapshot of its own).
    final class Recorder: ServerComponent {
        let seen = Mutex<[Int64]>([])
        func recover(_ event: JournalEvent<ServerEvent>) throws { seen.withLock { $0.append(event.sequence) } }
        func register(in router: inout RPCRouter) {}
    }

    /// A session with fills, a working order and a risk-limits change; a snapshot in the middle.
    static func session(_ directory: String) async throws -> (snapshot: Int64, last: Int64, observed: TradingRestartTests.Observed) {
        let s = try await T.start(directory: directory, snapshots: quiet)
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "20000", clientOrderID: "a"))
        try await s.bar("1.07300")
        _ = try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.05000", clientOrderID: "w"))
        try await s.settle()
        let snapshot = try #require(try await s.server.takeSnapshot())
        _ = try await s.orders.submitOrder(T.submit(.sell, "5000", clientOrderID: "b"))
        try await s.bar("1.07400")
        _ = try await s.orders.submitOrder(T.submit(.buy, "1000", limit: "1.04000", clientOrderID: "w2"))
        try await s.settle()
        let observed = try await TradingRestartTests.observe(s)
        let last = s.server.runtime.store.lastAssignedSequence
        await s.stop(removeDirectory: false)
        return (snapshot, last, observed)
    }

    @Test("a restart from the snapshot and the tail equals a full replay, and trading continues the same way")
    func snapshotEqualsReplay() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (snapshot, last, before) = try await Self.session(directory)
        #expect(snapshot > 0 && snapshot < last)

        let restored = try await T.start(directory: directory, snapshots: Self.quiet)
        #expect(restored.server.recovery.restored[EngineHostSnapshot.section] == snapshot)
        #expect(restored.server.recovery.replayed == Int(last - snapshot))
        let fromSnapshot = try await TradingRestartTests.observe(restored)
        let limitsVersion = try await restored.component.host.query { $0.limitsVersion }
        await restored.stop(removeDirectory: false)

        let replayed = try await T.start(directory: directory, snapshots: Self.noRestore)
        #expect(replayed.server.recovery.restored.isEmpty)
        #expect(replayed.server.recovery.replayed == Int(last))
        let fromJournal = try await TradingRestartTests.observe(replayed)
        #expect(try await replayed.component.host.query { $0.limitsVersion } == limitsVersion)
        await replayed.stop(removeDirectory: false)

        #expect(fromSnapshot == before)
        #expect(fromJournal == before)

        // The shutdown snapshot: the next start replays nothing.
        let once = try await T.start(directory: directory, snapshots: SnapshotConfiguration(everyEvents: nil, interval: nil))
        await once.stop(removeDirectory: false)
        let again = try await T.start(directory: directory, snapshots: Self.quiet)
        defer { Task { await again.stop(removeDirectory: false) } }
        #expect(again.server.recovery.replayed == 0)
        #expect(try await TradingRestartTests.observe(again) == before)
        // The working order still fills after two snapshot restores.
        try await again.bar("1.04900", high: "1.05100", low: "1.04800")
        try await again.bar("1.04800", high: "1.04900", low: "1.04700")
        var get = TradebotV1.GetOrderRequest()
        get.target = .clientOrderID("w")
        #expect(try await again.orders.getOrder(get).order?.status == .filled)
    }

    @Test("a damaged newest snapshot falls back to the older one; a section in an unknown format falls back to the journal")
    func unreadableSnapshots() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (snapshot, last, before) = try await Self.session(directory)

        var store = try EventStore(directory: directory, codec: ServerEventCodec())
        try store.saveSnapshot(Array("TBSS garbage".utf8), format: ServerSnapshot.format, through: last)
        store.close()
        let fallback = try await T.start(directory: directory, snapshots: Self.quiet)
        #expect(fallback.server.recovery.snapshotSequence == snapshot)
        #expect(try await TradingRestartTests.observe(fallback) == before)
        await fallback.stop(removeDirectory: false)

        store = try EventStore(directory: directory, codec: ServerEventCodec())
        let future = SnapshotSection(name: EngineHostSnapshot.section, format: "engine-host/99", through: last, data: [1, 2, 3])
        try store.saveSnapshot(ServerSnapshot(sections: [future]).encoded(), format: ServerSnapshot.format, through: last)
        store.close()
        let replayed = try await T.start(directory: directory, snapshots: Self.quiet)
        defer { Task { await replayed.stop(removeDirectory: false) } }
        #expect(replayed.server.recovery.snapshotSequence == last)
        #expect(replayed.server.recovery.restored.isEmpty)
        #expect(replayed.server.recovery.replayed == Int(last))
        #expect(try await TradingRestartTests.observe(replayed) == before)
    }

    @Test("a damaged database file stops the start with an error naming it (the integrity check runs beside recovery)")
    func damagedDatabase() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try await Self.session(directory)
        let path = directory + "/" + EventStore<ServerEventCodec>.databaseFileName
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        // Garbage over every page after the first (the header and schema page stay intact): the
        // tables' pages are damaged. (Garbage over free pages only would rightly go unnoticed.)
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        await #expect(throws: ServerStartError.self) {
            let s = try await T.start(directory: directory, snapshots: Self.quiet)
            await s.stop(removeDirectory: false)
        }
        do {
            _ = try await T.start(directory: directory, snapshots: Self.quiet)
        } catch {
            #expect("\(error)".contains(directory))
        }
    }

    @Test("the scheduler stores a snapshot after the configured number of events, once they are committed")
    func scheduled() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let s = try await T.start(directory: directory,
                                  snapshots: SnapshotConfiguration(everyEvents: 4, interval: nil, onShutdown: false))
        defer { Task { await s.stop(removeDirectory: false) } }
        try await s.bar("1.07219")
        _ = try await s.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "s1"))
        _ = try await s.orders.submitOrder(T.submit(.buy, "1000", clientOrderID: "s2"))
        try await s.bar("1.07300")
        try await s.settle()
        var stored: Snapshot?
        for _ in 0..<60 where stored == nil {
            try await Task.sleep(for: .milliseconds(100))
            stored = try s.server.runtime.store.latestSnapshot()
        }
        let row = try #require(stored)
        #expect(row.format == ServerSnapshot.format)
        #expect(row.sequence >= 4 && row.sequence <= s.server.runtime.store.committedSequence)
        let section = try #require(try ServerSnapshot.decode(row.data).sections.first)
        #expect(section.name == EngineHostSnapshot.section)
        #expect(try EngineHostSnapshot.decode(section).restoredEngine().orders.count == 2)
    }

    @Test("snapshot settings from the environment: defaults, values, off, and errors naming the variable")
    func settings() throws {
        #expect(try SnapshotConfiguration(environment: [:]) == SnapshotConfiguration())
        let custom = try SnapshotConfiguration(environment: ["TRADEBOT_SNAPSHOT_EVERY_EVENTS": "50000",
                                                             "TRADEBOT_SNAPSHOT_INTERVAL": "90s",
                                                             "TRADEBOT_SNAPSHOT_ON_SHUTDOWN": "off",
                                                             "TRADEBOT_SNAPSHOT_RESTORE": "off"])
        #expect(custom == SnapshotConfiguration(everyEvents: 50_000, interval: .seconds(90), onShutdown: false, restore: false))
        let off = try SnapshotConfiguration(environment: ["TRADEBOT_SNAPSHOT_EVERY_EVENTS": "off", "TRADEBOT_SNAPSHOT_INTERVAL": "off"])
        #expect(off.everyEvents == nil && off.interval == nil && off.onShutdown)
        for (name, value) in [("TRADEBOT_SNAPSHOT_EVERY_EVENTS", "12"), ("TRADEBOT_SNAPSHOT_EVERY_EVENTS", "many"),
                              ("TRADEBOT_SNAPSHOT_INTERVAL", "soon"), ("TRADEBOT_SNAPSHOT_RESTORE", "maybe")] {
            #expect {
                try SnapshotConfiguration(environment: [name: value])
            } throws: { error in
                (error as? ConfigurationError)?.description.contains(name) == true
            }
        }
    }

    @Test("a component without snapshot support still recovers from every event of the journal")
    func componentWithoutSnapshot() async throws {
        let directory = T.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (snapshot, last, _) = try await Self.session(directory)
        let recorder = Recorder()
        let s = try await T.start(directory: directory, snapshots: Self.quiet, otherComponents: { _ in [recorder] })
        defer { Task { await s.stop(removeDirectory: false) } }
        #expect(s.server.recovery.restored[EngineHostSnapshot.section] == snapshot)
        #expect(recorder.seen.withLock { $0 } == Array(1...last))
    }

    @Test("a journal written as JSON (payload version 1) still loads; new rows are binary (version 2)")
    func jsonJournal() async throws {
        let original = T.makeDirectory(), converted = T.makeDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: original)
            try? FileManager.default.removeItem(atPath: converted)
        }
        let (_, last, before) = try await Self.session(original)
        // Rewrite the journal with the JSON codec, row for row (no snapshots).
        let source = try EventStore(directory: original, codec: ServerEventCodec())
        let target = try EventStore(directory: converted, codec: ServerEventCodec(writing: 1),
                                    projections: TradebotServer.standardProjections)
        try source.replay(after: 0) { e in _ = try? target.append(e.event, sequence: e.sequence, timeNanoseconds: e.timeNanoseconds) }
        try target.flush()
        let reader = try target.makeReader()
        #expect(try reader.records(after: 0, limit: 100_000).allSatisfy { $0.payloadVersion == 1 })
        reader.close()
        source.close()
        target.close()

        let s = try await T.start(directory: converted, snapshots: Self.quiet)
        #expect(s.server.runtime.store.lastAssignedSequence == last)
        #expect(try await TradingRestartTests.observe(s) == before)
        try await s.bar("1.07500")
        _ = try await s.orders.submitOrder(T.submit(.sell, "1000", clientOrderID: "after-conversion"))
        try await s.bar("1.07500")
        try await s.settle()
        let extended = try await TradingRestartTests.observe(s)
        await s.stop(removeDirectory: false)

        let check = try EventStore(directory: converted, codec: ServerEventCodec())
        let rows = try check.makeReader().records(after: last, limit: 1_000)
        check.close()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.payloadVersion == 2 })
        let mixed = try await T.start(directory: converted, snapshots: Self.noRestore)
        defer { Task { await mixed.stop(removeDirectory: false) } }
        #expect(try await TradingRestartTests.observe(mixed) == extended)
    }

    @Test("binary payloads round-trip every kind of server event, and encoding is deterministic")
    func codecRoundTrip() throws {
        let t = Timestamp(nanoseconds: 1_700_000_000_123_456_789)
        let request = OrderRequest(clientOrderID: "c-1", strategyID: "sma", symbol: "EURUSD", side: .sell, type: .stopLimit,
                                   quantity: Quantity(raw: 5 * FixedPoint.scale), limitPrice: Price(raw: 107_000_000),
                                   triggerPrice: Price(raw: 107_100_000), timeInForce: .day, reduceOnly: true,
                                   bracket: Bracket(stopLoss: Price(raw: 100_000_000), takeProfit: nil, trailingDistance: nil))
        let order = Order(id: OrderID(42), request: request, createdAt: t)
        var limits = RiskLimits(maxOpenOrders: 3)
        limits.instruments = ["EURUSD": InstrumentRiskLimits(), "GBPUSD": InstrumentRiskLimits(), "AUDUSD": InstrumentRiskLimits()]
        let events: [ServerEvent] = [
            .engine(.orderSubmitted(order)),
            .engine(.orderDenied(OrderDenied(order: order, reason: .maxPosition, detail: "too big"))),
            .engine(.riskLimitsChanged(limits)),
            .engine(.tradingStateChanged(TradingStateChanged(scope: .instrument("EURUSD"), source: .admin, sourceState: .halted,
                                                             previous: .active, current: .halted, reason: "ops"))),
            .identity(.userCreated(.init(username: "ops", role: "operator", passwordHash: "$scrypt$x", actor: "admin", source: "test"))),
        ]
        let codec = ServerEventCodec()
        for event in events {
            let (version, bytes) = try codec.encodePayload(event)
            #expect(version == 2)
            #expect(try codec.decode(typeName: event.typeName, payloadVersion: 2, payload: bytes) == event)
            #expect(try codec.encodePayload(event).bytes == bytes)
            let json = try ServerEventCodec(writing: 1).encodePayload(event)
            #expect(json.version == 1)
            #expect(try codec.decode(typeName: event.typeName, payloadVersion: 1, payload: json.bytes) == event)
        }
        #expect(throws: (any Error).self) {
            try codec.decode(typeName: "engine.OrderAccepted", payloadVersion: 2, payload: try codec.encode(events[0]))
        }
        #expect(throws: (any Error).self) { try codec.decode(typeName: events[0].typeName, payloadVersion: 3, payload: []) }
    }
}
