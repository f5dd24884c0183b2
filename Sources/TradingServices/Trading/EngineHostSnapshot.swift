import Persistence
import TradingModel

/// The trading engine host's snapshot section (format `engine-host/3`): the engine state plus the
/// sequencer's read-side indexes, covering every engine event up to `through`.
///
/// Encoded with the binary payload format. The long lists (the orders, the order-to-sequence
/// index, the applied trade ids, the finished-order queue) are packed by hand into byte runs
/// instead of one Codable value each: `init(_:)` moves them out of the engine snapshot,
/// `restoredEngine()` puts them back. Format 3 added the packed orders (`PackedOrders`); format 2
/// sections (orders inline in `engine.orders`, no `packedOrders`) are still read.
struct EngineHostSnapshot: Sendable, Equatable, Codable {
    static let format = "engine-host/3"
    /// The previous format, still read (snapshots stored by earlier builds).
    static let previousFormat = "engine-host/2"
    static let section = "trading.engine"

    /// Journal sequence of the newest engine event included.
    var through: Int64
    var engine: EngineSnapshot
    /// Journal sequence of each retained order's latest event: (order id, sequence) pairs, packed.
    var orderSequence: [UInt8]
    /// How many `RiskLimitsChanged` events the journal holds up to `through`.
    var limitsVersion: UInt64
    /// `engine.tradeIDs`, packed (varint length + UTF-8 each); the engine snapshot's list is empty.
    var tradeIDs: [UInt8]
    /// `engine.finishedOrderIDs`, packed (varints); the engine snapshot's list is empty.
    var finishedOrderIDs: [UInt8]
    /// `engine.orders`, packed (`PackedOrders`); the engine snapshot's list is empty. Nil in a
    /// format 2 section, whose orders are in `engine.orders`.
    var packedOrders: [UInt8]?

    init(through: Int64, engine: EngineSnapshot, orderSequence: [UInt8], limitsVersion: UInt64) {
        var slim = engine
        slim.tradeIDs = []
        slim.finishedOrderIDs = []
        slim.orders = []
        packedOrders = PackedOrders.pack(engine.orders)
        self.through = through
        self.engine = slim
        self.orderSequence = orderSequence
        self.limitsVersion = limitsVersion
        var trades: [UInt8] = []
        trades.reserveCapacity(engine.tradeIDs.count * 12)
        for t in engine.tradeIDs {
            Self.varint(UInt64(t.value.utf8.count), into: &trades)
            trades.append(contentsOf: t.value.utf8)
        }
        tradeIDs = trades
        var finished: [UInt8] = []
        finished.reserveCapacity(engine.finishedOrderIDs.count * 4)
        for id in engine.finishedOrderIDs { Self.varint(id.value, into: &finished) }
        finishedOrderIDs = finished
    }

    /// The engine snapshot with its packed lists restored.
    func restoredEngine() throws(Unreadable) -> EngineSnapshot {
        var full = engine
        if let packedOrders { full.orders = try PackedOrders.unpack(packedOrders) }
        var p = 0
        var trades: [TradeID] = []
        while p < tradeIDs.count {
            let n = Int(try Self.readVarint(tradeIDs, &p))
            guard n <= tradeIDs.count - p else { throw Unreadable(description: "trade ids damaged at byte \(p)") }
            trades.append(TradeID(String(decoding: tradeIDs[p..<(p + n)], as: UTF8.self)))
            p += n
        }
        full.tradeIDs = trades
        p = 0
        var finished: [OrderID] = []
        while p < finishedOrderIDs.count { finished.append(OrderID(try Self.readVarint(finishedOrderIDs, &p))) }
        full.finishedOrderIDs = finished
        return full
    }

    static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func readVarint(_ bytes: [UInt8], _ p: inout Int) throws(Unreadable) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard p < bytes.count, shift <= 63 else { throw Unreadable(description: "packed list damaged at byte \(p)") }
            let b = bytes[p]
            p += 1
            value |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    /// Why a section cannot be restored.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    func encoded() throws -> SnapshotSectionData {
        SnapshotSectionData(format: packedOrders == nil ? Self.previousFormat : Self.format, through: through,
                            data: try fastEncoded())
    }

    /// The same bytes as `BinaryPayloadEncoder.encode(self)` (the synthesized `Codable` layout,
    /// keys in declaration order), with the orders (inline only when a caller set
    /// `engine.orders`) and positions written by the hand-written `EngineEventPayloadEncoder` and
    /// the small rest spliced in from the generic encoder. Why:
    /// through `Codable` a snapshot of 100,000 orders took about half a second of CPU, every
    /// 100,000 journal events, on a machine whose two cores also serve the orders.
    /// A field added to `EngineHostSnapshot` or `EngineSnapshot` must be added here too; the
    /// byte-equality test fails until it is.
    func fastEncoded() throws -> [UInt8] {
        var w = BinaryPayloadWriter(capacity: 1024 + engine.orders.count * 300 + orderSequence.count
                                        + tradeIDs.count + finishedOrderIDs.count + (packedOrders?.count ?? 0))
        let top = w.beginKeyed()
        w.key("through"); w.int(through)
        w.key("engine")
        let e = w.beginKeyed()
        w.key("sequence"); w.uint(engine.sequence)
        w.key("nextOrderID"); w.uint(engine.nextOrderID)
        w.key("takenAt"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.takenAt))
        w.key("cash"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.cash))
        w.key("peakEquity"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.peakEquity))
        w.key("dayStartEquity"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.dayStartEquity))
        if let day = engine.currentDay { w.key("currentDay"); w.int(day) }
        w.key("limits"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.limits))
        w.key("orders")
        let orders = w.beginUnkeyed()
        for order in engine.orders { EngineEventPayloadEncoder.encode(order, into: &w) }
        w.end(orders, count: engine.orders.count)
        w.key("tradeIDs"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.tradeIDs))
        w.key("finishedOrderIDs"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.finishedOrderIDs))
        w.key("counters"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.counters))
        w.key("positions")
        let positions = w.beginUnkeyed()
        for position in engine.positions { EngineEventPayloadEncoder.encode(position, into: &w) }
        w.end(positions, count: engine.positions.count)
        w.key("markets"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.markets))
        w.key("restrictions"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.restrictions))
        w.key("breakers"); w.value(encoded: try BinaryPayloadEncoder.encode(engine.breakers))
        w.end(e)
        w.key("orderSequence"); w.byteArray(orderSequence)
        w.key("limitsVersion"); w.uint(limitsVersion)
        w.key("tradeIDs"); w.byteArray(tradeIDs)
        w.key("finishedOrderIDs"); w.byteArray(finishedOrderIDs)
        if let packedOrders { w.key("packedOrders"); w.byteArray(packedOrders) }
        w.end(top)
        return w.bytes
    }

    static func decode(_ section: SnapshotSection) throws -> EngineHostSnapshot {
        guard section.format == format || section.format == previousFormat else {
            throw Unreadable(description: "snapshot format \(section.format) is neither \(format) nor \(previousFormat)")
        }
        let value = try BinaryPayloadDecoder.decode(EngineHostSnapshot.self, from: section.data)
        guard (value.packedOrders != nil) == (section.format == format) else {
            throw Unreadable(description: "a \(section.format) section \(value.packedOrders == nil ? "without" : "with") packed orders")
        }
        guard value.through == section.through else {
            throw Unreadable(description: "section says it covers \(section.through), its data \(value.through)")
        }
        guard value.engine.nextOrderID >= 1 else { throw Unreadable(description: "next order id 0") }
        return value
    }

    /// Packs (order id, sequence) pairs sorted by id as varint deltas.
    static func pack(_ pairs: [(OrderID, Int64)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pairs.count * 6)
        var lastID: UInt64 = 0
        for (id, sequence) in pairs.sorted(by: { $0.0 < $1.0 }) {
            varint(id.value &- lastID, into: &out)
            varint(UInt64(bitPattern: sequence), into: &out)
            lastID = id.value
        }
        return out
    }

    static func unpack(_ bytes: [UInt8]) throws(Unreadable) -> [OrderID: Int64] {
        var result: [OrderID: Int64] = [:]
        var p = 0
        var id: UInt64 = 0
        while p < bytes.count {
            id &+= try readVarint(bytes, &p)
            result[OrderID(id)] = Int64(bitPattern: try readVarint(bytes, &p))
        }
        return result
    }
}

/// A section's payload before the component's name is attached.
struct SnapshotSectionData: Sendable {
    var format: String
    var through: Int64
    var data: [UInt8]
}

/// A decoded and checked engine-host section, ready for `EngineHost.run(recovered:)`.
struct RestoredEngineHost: Sendable {
    var through: Int64
    var engine: EngineSnapshot
    var orderSequence: [OrderID: Int64]
    var limitsVersion: UInt64
}
