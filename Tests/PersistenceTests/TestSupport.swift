import Foundation
@testable import Persistence
#if canImport(Glibc)
import Glibc
#endif

/// A small event vocabulary standing in for the engine's `Event` until it lands.
enum TestEvent: Sendable, Equatable {
    case orderAccepted(id: String, quantity: Int64)
    case filled(id: String, quantity: Int64, price: Int64)
    case cancelled(id: String)

    /// Deterministic event number `n` of a stream (orders of 3 events: accept, fill, fill-or-cancel).
    static func scripted(_ n: Int64) -> TestEvent {
        let order = "o\(n / 3)"
        switch n % 3 {
        case 0: return .orderAccepted(id: order, quantity: 10)
        case 1: return .filled(id: order, quantity: 4, price: 100 + n % 7)
        default: return n % 2 == 0 ? .cancelled(id: order) : .filled(id: order, quantity: 6, price: 101)
        }
    }
}

struct TestCodecError: Error, CustomStringConvertible {
    var description: String
}

/// Text payloads `field|field`, versioned 1.
struct TestCodec: EventCodec {
    func typeName(of event: TestEvent) -> String {
        switch event {
        case .orderAccepted: return "OrderAccepted"
        case .filled: return "Filled"
        case .cancelled: return "Cancelled"
        }
    }

    func encode(_ event: TestEvent) throws -> [UInt8] {
        switch event {
        case .orderAccepted(let id, let q): return Array("\(id)|\(q)".utf8)
        case .filled(let id, let q, let p): return Array("\(id)|\(q)|\(p)".utf8)
        case .cancelled(let id): return Array(id.utf8)
        }
    }

    func decode(typeName: String, payloadVersion: Int, payload: [UInt8]) throws -> TestEvent {
        let parts = String(decoding: payload, as: UTF8.self).split(separator: "|").map(String.init)
        switch (typeName, parts.count) {
        case ("OrderAccepted", 2):
            guard let q = Int64(parts[1]) else { break }
            return .orderAccepted(id: parts[0], quantity: q)
        case ("Filled", 3):
            guard let q = Int64(parts[1]), let p = Int64(parts[2]) else { break }
            return .filled(id: parts[0], quantity: q, price: p)
        case ("Cancelled", 1):
            return .cancelled(id: parts[0])
        default: break
        }
        throw TestCodecError(description: "bad \(typeName) payload")
    }
}

/// Orders with status and filled quantity.
struct OrdersProjection: Projection {
    var name: String { "orders" }
    var version: Int = 1
    var schema: [StaticString] {
        ["CREATE TABLE IF NOT EXISTS p_orders(id TEXT PRIMARY KEY, status TEXT NOT NULL, quantity INTEGER NOT NULL, filled INTEGER NOT NULL, last_seq INTEGER NOT NULL)"]
    }
    var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS p_orders"] }

    func apply(_ event: JournalEvent<TestEvent>, to context: ProjectionContext) throws {
        switch event.event {
        case .orderAccepted(let id, let q):
            try context.execute("INSERT INTO p_orders(id, status, quantity, filled, last_seq) VALUES(?, 'ACCEPTED', ?, 0, ?)",
                                .text(id), .integer(q), .integer(event.sequence))
        case .filled(let id, let q, _):
            try context.execute("""
                UPDATE p_orders SET filled = filled + ?, last_seq = ?,
                status = CASE WHEN filled + ? >= quantity THEN 'FILLED' ELSE 'PARTIALLY_FILLED' END WHERE id = ?
                """, .integer(q), .integer(event.sequence), .integer(q), .text(id))
        case .cancelled(let id):
            try context.execute("UPDATE p_orders SET status = 'CANCELLED', last_seq = ? WHERE id = ?",
                                .integer(event.sequence), .text(id))
        }
    }
}

/// One netting position (quantity and cost) read-modify-write, to exercise `rows`.
struct PositionsProjection: Projection {
    var name: String { "positions" }
    var version: Int { 1 }
    var schema: [StaticString] {
        ["CREATE TABLE IF NOT EXISTS p_positions(account TEXT PRIMARY KEY, quantity INTEGER NOT NULL, cost INTEGER NOT NULL)"]
    }
    var dropStatements: [StaticString] { ["DROP TABLE IF EXISTS p_positions"] }

    func apply(_ event: JournalEvent<TestEvent>, to context: ProjectionContext) throws {
        guard case .filled(_, let q, let p) = event.event else { return }
        let current = try context.rows("SELECT quantity, cost FROM p_positions WHERE account = ?", .text("main")).first
        let quantity = (current?[0].integerValue ?? 0) + q
        let cost = (current?[1].integerValue ?? 0) + q * p
        try context.execute("INSERT OR REPLACE INTO p_positions(account, quantity, cost) VALUES(?, ?, ?)",
                            .text("main"), .integer(quantity), .integer(cost))
    }
}

/// A projection that fails on a chosen order id, to test that failures stop the store.
struct FailingProjection: Projection {
    var name: String { "failing" }
    var version: Int { 1 }
    var schema: [StaticString] { [] }
    var dropStatements: [StaticString] { [] }
    var failOn: String

    func apply(_ event: JournalEvent<TestEvent>, to context: ProjectionContext) throws {
        if case .cancelled(let id) = event.event, id == failOn { throw TestCodecError(description: "refused \(id)") }
    }
}

let testProjections: [any Projection<TestEvent>] = [OrdersProjection(), PositionsProjection()]

/// In-memory state folded from events: what snapshots hold in these tests.
struct FoldedState: Equatable {
    var orders: [String: Int64] = [:]
    var cancelled: Set<String> = []
    var cash: Int64 = 0
    var lastSequence: Int64 = 0

    mutating func apply(_ e: JournalEvent<TestEvent>) {
        switch e.event {
        case .orderAccepted(let id, _): orders[id] = 0
        case .filled(let id, let q, let p): orders[id, default: 0] += q; cash -= q * p
        case .cancelled(let id): cancelled.insert(id)
        }
        lastSequence = e.sequence
    }

    /// A tiny text encoding, standing in for the engine's snapshot format.
    func encoded() -> [UInt8] {
        var lines = ["\(lastSequence)", "\(cash)", cancelled.sorted().joined(separator: ",")]
        lines += orders.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return Array(lines.joined(separator: "\n").utf8)
    }

    init() {}

    init(decoding bytes: [UInt8]) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lastSequence = Int64(lines[0]) ?? -1
        cash = Int64(lines[1]) ?? -1
        cancelled = Set(lines[2].split(separator: ",").map(String.init))
        for line in lines.dropFirst(3) {
            let kv = line.split(separator: "=")
            if kv.count == 2 { orders[String(kv[0])] = Int64(kv[1]) }
        }
    }
}

/// A fresh directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/persistence-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = made.map { String(cString: $0) } ?? "/tmp/persistence-test-fallback-\(UUID().uuidString)"
        if made == nil { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    var data: String { path + "/data" }
}

func openStore(_ directory: String, projections: [any Projection<TestEvent>] = testProjections,
               configuration: StoreConfiguration = StoreConfiguration()) throws(StoreError) -> EventStore<TestCodec> {
    try EventStore(directory: directory, codec: TestCodec(), projections: projections, configuration: configuration)
}

/// All rows of the test projections, for equality checks.
func projectionDump(_ store: EventStore<TestCodec>) throws -> [[SQLValue]] {
    let reader = try store.makeReader()
    defer { reader.close() }
    return try reader.readTransaction { () throws(StoreError) in
        try reader.rows("SELECT id, status, quantity, filled, last_seq FROM p_orders ORDER BY id")
            + reader.rows("SELECT account, quantity, cost FROM p_positions ORDER BY account")
    }
}

func fileBytes(_ path: String) -> [UInt8] {
    (FileManager.default.contents(atPath: path)).map { [UInt8]($0) } ?? []
}

func writeBytes(_ bytes: [UInt8], to path: String, at offset: Int? = nil) {
    if let offset {
        let fd = open(path, O_WRONLY)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        close(fd)
    } else {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }
}

/// Copies the database files of a live store (db, -wal, -shm) as a crash would leave them.
func copyLiveFiles(from directory: String, to target: String) throws {
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    for suffix in ["", "-wal"] {
        let source = directory + "/tradebot.db" + suffix
        if FileManager.default.fileExists(atPath: source) {
            try FileManager.default.copyItem(atPath: source, toPath: target + "/tradebot.db" + suffix)
        }
    }
}
