import Persistence
import TradingModel

/// The trading engine host's snapshot section (format `engine-host/1`): the engine state plus the
/// sequencer's read-side indexes, covering every engine event up to `through`.
///
/// Encoded with the binary payload format; the order-to-sequence index, the largest part after the
/// orders, is packed by hand (delta varints) instead of value by value.
struct EngineHostSnapshot: Sendable, Equatable, Codable {
    static let format = "engine-host/1"
    static let section = "trading.engine"

    /// Journal sequence of the newest engine event included.
    var through: Int64
    var engine: EngineSnapshot
    /// Journal sequence of each retained order's latest event: (order id, sequence) pairs, packed.
    var orderSequence: [UInt8]
    /// How many `RiskLimitsChanged` events the journal holds up to `through`.
    var limitsVersion: UInt64

    /// Why a section cannot be restored.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    func encoded() throws -> SnapshotSectionData {
        SnapshotSectionData(format: Self.format, through: through,
                            data: try BinaryPayloadEncoder.encode(self, reservingCapacity: 256 + engine.orders.count * 160))
    }

    static func decode(_ section: SnapshotSection) throws -> EngineHostSnapshot {
        guard section.format == format else {
            throw Unreadable(description: "snapshot format \(section.format) is not \(format)")
        }
        let value = try BinaryPayloadDecoder.decode(EngineHostSnapshot.self, from: section.data)
        guard value.through == section.through else {
            throw Unreadable(description: "section says it covers \(section.through), its data \(value.through)")
        }
        guard value.engine.nextOrderID >= 1 else { throw Unreadable(description: "next order id 0") }
        _ = try unpack(value.orderSequence)
        return value
    }

    /// Packs (order id, sequence) pairs sorted by id as varint deltas.
    static func pack(_ pairs: [(OrderID, Int64)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pairs.count * 6)
        var lastID: UInt64 = 0
        func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                out.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }
        for (id, sequence) in pairs.sorted(by: { $0.0 < $1.0 }) {
            varint(id.value &- lastID)
            varint(UInt64(bitPattern: sequence))
            lastID = id.value
        }
        return out
    }

    static func unpack(_ bytes: [UInt8]) throws(Unreadable) -> [OrderID: Int64] {
        var result: [OrderID: Int64] = [:]
        var p = 0
        func varint() throws(Unreadable) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard p < bytes.count, shift <= 63 else { throw Unreadable(description: "order index damaged at byte \(p)") }
                let b = bytes[p]
                p += 1
                value |= UInt64(b & 0x7f) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }
        var id: UInt64 = 0
        while p < bytes.count {
            id &+= try varint()
            result[OrderID(id)] = Int64(bitPattern: try varint())
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
