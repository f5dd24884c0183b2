import Testing
@testable import WireFormat

/// Pins the standard library's inline-string layout that the codec's fast paths build and read
/// (`SmallStringLayout`): if a toolchain ever changed it, these fail before any message does.
@Suite("Small string layout")
struct SmallStringLayoutTests {
    /// Deterministic printable ASCII of `count` bytes, varied by `seed`.
    static func ascii(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(0x20 + ($0 &* 31 &+ seed &* 7) % 0x5F) }
    }

    /// The bytes as the two little-endian words of an inline string (bytes past the count zero).
    static func words(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { low |= UInt64(byte) << (8 * UInt64(index)) } else { high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        return (low, high)
    }

    @Test("strings built from words equal the standard library's, for every length 0 to 15")
    func buildsEqualStrings() {
        #expect(SmallStringLayout.isAvailable)
        for count in 0...15 {
            for seed in 0..<20 {
                let bytes = Self.ascii(count, seed: seed)
                let expected = String(decoding: bytes, as: UTF8.self)
                let (low, high) = Self.words(bytes)
                var built = SmallStringLayout.asciiString(low: low, high: high, count: count)
                #expect(built == expected, "count \(count)")
                #expect(Array(built.utf8) == bytes)
                #expect(built.count == count)
                #expect(built.hashValue == expected.hashValue)
                #expect(built.utf8.allSatisfy { $0 < 0x80 })
                // Still an ordinary value: it grows past the inline size and compares as text.
                built.append("-suffix-making-it-long")
                #expect(built == expected + "-suffix-making-it-long")
            }
        }
    }

    @Test("words(of:) reads inline strings (ASCII or not) and refuses heap strings")
    func readsWords() {
        for count in 0...15 {
            let bytes = Self.ascii(count, seed: count)
            let string = String(decoding: bytes, as: UTF8.self)
            let words = SmallStringLayout.words(of: string)
            #expect(words?.count == count)
            #expect(words?.low == Self.words(bytes).0)
            #expect(words.map { $0.high & 0x00FF_FFFF_FFFF_FFFF } == Self.words(bytes).1)
        }
        let accented = "é€ü"  // 7 UTF-8 bytes, inline but not ASCII
        let words = SmallStringLayout.words(of: accented)
        #expect(words?.count == 7)
        #expect(words?.low == Self.words(Array(accented.utf8)).0)
        #expect(SmallStringLayout.words(of: String(repeating: "x", count: 16)) == nil)
        #expect(SmallStringLayout.words(of: String(repeating: "é", count: 8)) == nil)
    }

    @Test("overwriteSmall replaces an inline value and leaves a heap string to assignment")
    func overwriteSmall() {
        let (low, high) = Self.words(Array("EURUSD".utf8))
        var field = ""
        #expect(SmallStringLayout.overwriteSmall(&field, low: low, high: high, count: 6))
        #expect(field == "EURUSD")
        var inline = "old value"
        #expect(SmallStringLayout.overwriteSmall(&inline, low: low, high: high, count: 6))
        #expect(inline == "EURUSD")
        var heap = String(repeating: "h", count: 40)
        #expect(!SmallStringLayout.overwriteSmall(&heap, low: low, high: high, count: 6))
        #expect(heap == String(repeating: "h", count: 40))
    }

    @Test("decoding into a field that holds a heap string, then an inline one, keeps each value")
    func decodeIntoHeldValues() throws {
        var message = AllTypes()
        message.string = String(repeating: "long-", count: 10)
        let short: [UInt8] = [0x72, 0x05] + Array("ABCDE".utf8)
        try short.withUnsafeBytes { raw in
            var d = WireDecoder(raw)
            try message.merge(from: &d)
        }
        #expect(message.string == "ABCDE")
        let long: [UInt8] = [0x72, 0x14] + Array("twenty-bytes-exactly".utf8)
        try long.withUnsafeBytes { raw in
            var d = WireDecoder(raw)
            try message.merge(from: &d)
        }
        #expect(message.string == "twenty-bytes-exactly")
        try short.withUnsafeBytes { raw in
            var d = WireDecoder(raw)
            try message.merge(from: &d)
        }
        #expect(message.string == "ABCDE")
    }

    @Test("encoding inline strings writes exactly their bytes, next to each other and to other fields")
    func encodesExactBytes() {
        for count in 0...15 {
            for text in [String(decoding: Self.ascii(count, seed: 3), as: UTF8.self), String(repeating: "é", count: count / 2)] {
                var encoder = WireEncoder(reservingCapacity: 16)
                encoder.encodeString(1, text)
                encoder.encodeString(2, text, force: true)
                encoder.encodeBool(3, true)
                let utf8 = Array(text.utf8)
                var expected: [UInt8] = utf8.isEmpty ? [] : [0x0A, UInt8(utf8.count)] + utf8
                expected += [0x12, UInt8(utf8.count)] + utf8 + [0x18, 0x01]
                #expect(encoder.bytes == expected, "\(text)")
            }
        }
    }
}
