import Foundation
import Persistence
import Testing

@Suite("Binary payload format")
struct BinaryPayloadTests {
    enum Side: String, Codable, Equatable { case buy, sell }

    enum Change: Codable, Equatable {
        case opened(id: UInt64, side: Side)
        case moved(Int64, Double)
        case closed
        case tagged([String: Int])
    }

    struct Key: Codable, Hashable, Comparable {
        let value: String
        static func < (a: Key, b: Key) -> Bool { a.value < b.value }
    }

    struct Empty: Codable, Equatable {}

    struct Sample: Codable, Equatable {
        var name: String
        var small: Int8
        var big: Int64
        var huge: UInt64
        var ratio: Double
        var fraction: Float
        var flag: Bool
        var missing: Int?
        var present: String?
        var nested: [[Int32]]
        var changes: [Change]
        var byKey: [Key: Side]
        var byName: [String: Key]
        var empty: Empty
        var optionalChange: Change?
        var blob: [UInt8]
        var blobs: [[UInt8]]
    }

    static let sample = Sample(
        name: "Zürich € 🚀", small: -128, big: Int64.min, huge: UInt64.max, ratio: -0.1, fraction: 3.5, flag: true,
        missing: nil, present: "", nested: [[], [1, -2, Int32.max]],
        changes: [.opened(id: 7, side: .sell), .moved(-5, 2.5e300), .closed, .tagged(["b": 2, "a": 1])],
        byKey: [Key(value: "x"): .buy, Key(value: "a"): .sell, Key(value: "m"): .buy],
        byName: ["q": Key(value: "1"), "c": Key(value: "2")], empty: Empty(), optionalChange: .closed,
        blob: Array(0...255), blobs: [[], [7]])

    @Test("every Codable shape round-trips")
    func roundTrip() throws {
        let bytes = try BinaryPayloadEncoder.encode(Self.sample)
        #expect(try BinaryPayloadDecoder.decode(Sample.self, from: bytes) == Self.sample)
        // Smaller than the JSON of the same value; a byte array is one run, not one value per byte.
        #expect(bytes.count < (try JSONEncoder().encode(Self.sample)).count)
        #expect(try BinaryPayloadEncoder.encode(Array(repeating: UInt8(9), count: 1000)).count == 1 + 2 + 1000)
    }

    @Test("the same value always gives the same bytes (dictionaries are sorted)")
    func deterministic() throws {
        var other = Self.sample
        other.byKey = [:]
        for k in ["m", "a", "x"] { other.byKey[Key(value: k)] = Self.sample.byKey[Key(value: k)] }
        other.byName = ["c": Key(value: "2"), "q": Key(value: "1")]
        #expect(try BinaryPayloadEncoder.encode(other) == BinaryPayloadEncoder.encode(Self.sample))
        var big: [String: Int] = [:]
        for i in 0..<200 { big["k\(i)"] = i }
        let rebuilt = Dictionary(uniqueKeysWithValues: big.sorted { $0.key > $1.key })
        #expect(try BinaryPayloadEncoder.encode(big) == BinaryPayloadEncoder.encode(rebuilt))
    }

    struct V1: Codable { var id: Int; var name: String }
    struct V2: Codable, Equatable { var id: Int; var name: String; var note: String? }
    struct Reversed: Decodable, Equatable {
        var id: Int
        var name: String
        enum CodingKeys: String, CodingKey { case id, name }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            id = try c.decode(Int.self, forKey: .id)
        }
    }

    @Test("a field added later decodes as nil from old bytes, and keys may be read in any order")
    func evolution() throws {
        let old = try BinaryPayloadEncoder.encode(V1(id: 3, name: "a"))
        #expect(try BinaryPayloadDecoder.decode(V2.self, from: old) == V2(id: 3, name: "a", note: nil))
        #expect(try BinaryPayloadDecoder.decode(Reversed.self, from: old).id == 3)
        // And a newer writer's extra field is skipped by an older reader.
        let new = try BinaryPayloadEncoder.encode(V2(id: 4, name: "b", note: "n"))
        #expect(try BinaryPayloadDecoder.decode(V1.self, from: new).id == 4)
    }

    struct UsesSuper: Encodable {
        enum CodingKeys: CodingKey { case a }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try "x".encode(to: c.superEncoder())
        }
    }

    @Test("an encoding the format cannot express is refused, not mis-written")
    func unsupported() {
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadEncoder.encode(UsesSuper()) }
    }

    @Test("damaged bytes throw and never crash: every truncation and many byte flips")
    func damaged() throws {
        let bytes = try BinaryPayloadEncoder.encode(Self.sample)
        for n in 0..<bytes.count {
            #expect(throws: (any Error).self) { try BinaryPayloadDecoder.decode(Sample.self, from: Array(bytes.prefix(n))) }
        }
        #expect(throws: (any Error).self) { try BinaryPayloadDecoder.decode(Sample.self, from: bytes + [0]) }
        var rng = SystemRandomNumberGenerator()
        var decodedSome = 0
        for _ in 0..<3_000 {
            var copy = bytes
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                copy[Int.random(in: 0..<copy.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if (try? BinaryPayloadDecoder.decode(Sample.self, from: copy)) != nil { decodedSome += 1 }
        }
        // Flips inside string bytes or numbers can still decode (to another value): no checksum here;
        // SQLite's page checks and quick_check guard the file.
        #expect(decodedSome < 3_000)
    }

    @Test("the v2 byte layout is unchanged: a hand-assembled encoding matches, absent optionals write nothing")
    func layoutIsStable() throws {
        func key(_ k: String) -> [UInt8] { [UInt8(k.utf8.count)] + Array(k.utf8) }
        func keyed(_ entries: [UInt8]) -> [UInt8] { [8] + withUnsafeBytes(of: UInt32(entries.count).littleEndian, Array.init) + entries }
        let head = key("id") + [3, 8] + key("name") + [7, 1, UInt8(ascii: "b")]
        let expected = keyed(head + key("note") + [7, 1, UInt8(ascii: "n")])
        #expect(try BinaryPayloadEncoder.encode(V2(id: 4, name: "b", note: "n")) == expected)
        #expect(try BinaryPayloadEncoder.encode(V2(id: 4, name: "b", note: nil)) == keyed(head))
        #expect(try BinaryPayloadDecoder.decode(V2.self, from: expected) == V2(id: 4, name: "b", note: "n"))
    }

    /// Encodes another value with the binary encoder from inside its own `encode(to:)`.
    struct EncodesNested: Encodable {
        let inner: Sample
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(try BinaryPayloadEncoder.encode(inner))
        }
    }

    @Test("reusing the thread's encoder state: nested, failed, large and concurrent encodes give the same bytes")
    func stateReuse() async throws {
        let reference = try BinaryPayloadEncoder.encode(Self.sample)
        // A nested encode gets its own state and does not disturb the outer one.
        let nested = try BinaryPayloadEncoder.encode(EncodesNested(inner: Self.sample))
        #expect(try BinaryPayloadDecoder.decode([UInt8].self, from: nested) == reference)
        // A refused encode leaves nothing behind for the next one.
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadEncoder.encode(UsesSuper()) }
        #expect(try BinaryPayloadEncoder.encode(Self.sample) == reference)
        // A large encode (above the retained buffer size) and a small one after it.
        let large = Array(repeating: "x", count: 100_000)
        #expect(try BinaryPayloadDecoder.decode([String].self, from: BinaryPayloadEncoder.encode(large)) == large)
        #expect(try BinaryPayloadEncoder.encode(Self.sample) == reference)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { try (0..<200).allSatisfy { _ in try BinaryPayloadEncoder.encode(Self.sample) == reference } }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }

    @Test("strings: non-ASCII round-trips, invalid UTF-8 is refused")
    func strings() throws {
        for text in ["", "EURUSD", "Zürich € 🚀", String(repeating: "é", count: 300)] {
            #expect(try BinaryPayloadDecoder.decode(String.self, from: BinaryPayloadEncoder.encode(text)) == text)
        }
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder.decode(String.self, from: [7, 2, 0x41, 0xff]) }
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder.decode(String.self, from: [7, 2, 0xc3, 0x28]) }
    }
}
