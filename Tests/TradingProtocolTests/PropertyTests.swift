import Testing
import TradingProtocol
import WireFormat

@Suite("Property tests (seeded)")
struct PropertyTests {
    static let iterations = 400

    @Test("decode(encode(m)) == m for random messages, and re-encoding is stable",
          arguments: RandomMessages.makers.map(\.name))
    func roundTrip(name: String) throws {
        let make = try #require(RandomMessages.makers.first { $0.name == name }?.make)
        var generator = SeededGenerator(seed: name.utf8.reduce(0x5EED) { $0 &* 31 &+ UInt64($1) })
        for _ in 0..<Self.iterations {
            try checkRoundTrip(make(&generator))
        }
    }

    private func checkRoundTrip<M: ProtoMessage>(_ message: M) throws {
        let bytes = message.wireBytes()
        let decoded = try M(wireBytes: bytes)
        #expect(decoded == message)
        #expect(decoded.wireBytes() == bytes)
    }

    @Test("random unknown fields appended to a message survive decode and re-encode byte for byte",
          arguments: RandomMessages.makers.map(\.name))
    func unknownFieldsSurvive(name: String) throws {
        let make = try #require(RandomMessages.makers.first { $0.name == name }?.make)
        var generator = SeededGenerator(seed: 0xFACE)
        for _ in 0..<50 {
            let message = make(&generator)
            var unknown = WireEncoder()
            // Field numbers far above any the schema uses, one of each wire type.
            unknown.encodeUInt64(9001, generator.next(), force: true)
            unknown.encodeFixed64(9002, generator.next(), force: true)
            unknown.encodeString(9003, generator.string(), force: true)
            unknown.encodeFixed32(9004, UInt32(truncatingIfNeeded: generator.next()), force: true)
            try checkUnknown(message, unknown: unknown.bytes)
        }
    }

    private func checkUnknown<M: ProtoMessage>(_ message: M, unknown: [UInt8]) throws {
        let bytes = message.wireBytes() + unknown
        let decoded = try M(wireBytes: bytes)
        #expect(decoded.unknownFields.bytes == unknown)
        #expect(decoded.wireBytes() == bytes)
    }

    @Test("random byte strings never crash any decoder; whatever decodes re-encodes to a fixed point",
          arguments: Golden.all.map(\.name))
    func randomBytes(name: String) throws {
        let fixture = try #require(GoldenVectorTests.fixture(name))
        var generator = SeededGenerator(seed: 0xBAD)
        for _ in 0..<150 {
            let count = Int.random(in: 0...64, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try checkFixedPoint(fixture, bytes)
        }
    }

    @Test("mutated golden vectors never crash the decoder", arguments: Golden.all.map(\.name))
    func mutatedVectors(name: String) throws {
        let fixture = try #require(GoldenVectorTests.fixture(name))
        let original = fixture.wireBytes()
        var generator = SeededGenerator(seed: 0xC0FFEE)
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                switch Int.random(in: 0...4, using: &generator) {
                case 0 where !bytes.isEmpty:  // flip a bit
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                case 1 where !bytes.isEmpty:  // truncate
                    bytes.removeLast(Int.random(in: 1...bytes.count, using: &generator))
                case 2:  // insert a random byte
                    bytes.insert(UInt8.random(in: 0...255, using: &generator), at: Int.random(in: 0...bytes.count, using: &generator))
                case 3 where !bytes.isEmpty:  // overwrite with an extreme byte
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = [0x00, 0x7F, 0x80, 0xFF].randomElement(using: &generator) ?? 0
                default:  // duplicate a slice (repeated fields, merges, last-one-wins)
                    bytes += bytes.prefix(Int.random(in: 0...bytes.count, using: &generator))
                }
            }
            try checkFixedPoint(fixture, bytes)
        }
    }

    /// Decoding may fail with a typed error; if it succeeds, encode -> decode must reproduce it.
    private func checkFixedPoint<M: ProtoMessage>(_: M, _ bytes: [UInt8]) throws {
        guard let decoded = try? M(wireBytes: bytes) else { return }
        let again = try M(wireBytes: decoded.wireBytes())
        #expect(again == decoded)
    }
}
