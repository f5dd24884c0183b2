import Testing
import WireFormat

/// Messages whose strings are slices of one copy of their input (`WireStringStorage`) must behave
/// exactly like messages holding `String`s: same accepted input, same errors, same values, same
/// bytes, value semantics and text equality.
@Suite("Lazily kept string fields")
struct WireStringStorageTests {
    static let sample = LazyNote {
        $0.title = "EURUSD"; $0.body = "a longer body of text, past fifteen bytes"; $0.priority = 7
        $0.child = LazyNote.Child { $0.name = "n"; $0.tag = "é-tag" }
    }

    @Test("a decoded message keeps one copy of its bytes and reads back every field")
    func decodeKeepsOneCopy() throws {
        let bytes = Self.sample.wireBytes()
        let decoded = try LazyNote(wireBytes: bytes)
        #expect(decoded.strings.copiedByteCount == bytes.count)
        #expect(decoded.title == "EURUSD")
        #expect(decoded.body == "a longer body of text, past fifteen bytes")
        #expect(decoded.child?.name == "n")
        #expect(decoded.child?.tag == "é-tag")
        #expect(decoded == Self.sample)
        #expect(Self.sample == decoded)
        #expect(decoded.wireBytes() == bytes)
        // A message built in code copies nothing.
        #expect(Self.sample.strings.copiedByteCount == 0)
    }

    @Test("setting a field after decoding replaces it; re-encoding gives the constructed bytes")
    func setAfterDecode() throws {
        var decoded = try LazyNote(wireBytes: Self.sample.wireBytes())
        let original = decoded
        decoded.title = "GBPUSD"
        decoded.body = ""
        #expect(decoded.title == "GBPUSD")
        #expect(decoded.body == "")
        var expected = Self.sample
        expected.title = "GBPUSD"
        expected.body = ""
        #expect(decoded == expected)
        #expect(decoded.wireBytes() == expected.wireBytes())
        // Value semantics: the copy taken before is unchanged.
        #expect(original == Self.sample)
        #expect(original.title == "EURUSD")
        // Setting the same field again reuses its slot.
        for index in 0..<100 { decoded.title = "T\(index)" }
        #expect(decoded.title == "T99")
        #expect(try LazyNote(wireBytes: decoded.wireBytes()).title == "T99")
    }

    @Test("invalid UTF-8 in a lazily kept field fails at decode time, as the eager decoder does",
          arguments: ["0a01ff", "0a02c328", "0a03eda080", "0a02c0af", "0a04f4908080",
                      "1211616263646566676869ff6b6c6d6e6f7071", "120861626364656667c3"])
    func invalidUTF8(input: String) {
        #expect(throws: WireDecodingError.invalidUTF8(field: input.hasPrefix("0a") ? 1 : 2)) {
            try LazyNote(wireBytes: hex(input))
        }
        #expect(throws: WireDecodingError.invalidUTF8(field: input.hasPrefix("0a") ? 1 : 2)) {
            try EagerNote(wireBytes: hex(input))
        }
    }

    @Test("for random bytes the lazy and the eager decoder accept the same strings with the same values")
    func matchesEagerDecoder() throws {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pool: [UInt8] = [0x41, 0x7A, 0x20, 0x00, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<5_000 {
            let count = Int(next() % 40)
            var payload: [UInt8] = []
            for _ in 0..<count {
                payload.append(next() % 3 == 0 ? pool[Int(next() % UInt64(pool.count))] : UInt8(0x20 + next() % 0x5F))
            }
            let bytes: [UInt8] = [0x12, UInt8(count)] + payload
            let eager = Result { () throws(WireDecodingError) in try EagerNote(wireBytes: bytes) }
            let lazy = Result { () throws(WireDecodingError) in try LazyNote(wireBytes: bytes) }
            switch (eager, lazy) {
            case let (.success(e), .success(l)):
                #expect(e.body == l.body)
                #expect(l.wireBytes() == e.wireBytes())
            case let (.failure(e), .failure(l)):
                #expect(e == l)
            default:
                Issue.record("lazy and eager decoders disagree on \(bytes)")
            }
        }
    }

    @Test("equality compares text, not representation, including canonically equivalent Unicode")
    func equality() throws {
        let decoded = try LazyNote(wireBytes: LazyNote { $0.title = "caf\u{E9}" }.wireBytes())
        #expect(decoded == LazyNote { $0.title = "caf\u{E9}" })
        // "é" precomposed and decomposed are equal Strings, so equal fields.
        #expect(decoded == LazyNote { $0.title = "cafe\u{301}" })
        // KELVIN SIGN is canonically equivalent to "K".
        #expect(try LazyNote(wireBytes: LazyNote { $0.title = "\u{212A}" }.wireBytes()) == LazyNote { $0.title = "K" })
        #expect(decoded != LazyNote { $0.title = "cafe" })
        #expect(try LazyNote(wireBytes: LazyNote { $0.title = "ab" }.wireBytes()) != LazyNote { $0.title = "ac" })
        #expect(try LazyNote(wireBytes: LazyNote { $0.body = "x" }.wireBytes()) != LazyNote { $0.title = "x" })
    }

    @Test("the last occurrence of a string field wins; a repeated nested message merges")
    func lastOneWinsAndMerge() throws {
        let first = LazyNote { $0.title = "first"; $0.child = LazyNote.Child { $0.name = "A" } }
        let second = LazyNote { $0.title = "second"; $0.body = "b"; $0.child = LazyNote.Child { $0.tag = "B" } }
        let merged = try LazyNote(wireBytes: first.wireBytes() + second.wireBytes())
        #expect(merged.title == "second")
        #expect(merged.body == "b")
        #expect(merged.child == LazyNote.Child { $0.name = "A"; $0.tag = "B" })
        #expect(try LazyNote(wireBytes: merged.wireBytes()) == merged)
    }

    @Test("unknown fields survive a lazy decode and re-encode")
    func unknownFields() throws {
        let bytes = hex("0a0161 a80601 b2060278 79 1201 62")
        let decoded = try LazyNote(wireBytes: bytes)
        #expect(decoded.title == "a")
        #expect(decoded.body == "b")
        #expect(decoded.unknownFields.bytes == hex("a80601 b206027879"))
        #expect(decoded.wireBytes() == hex("0a0161 1201 62 a80601 b206027879"))
    }

    @Test("decodeField outside merge (another buffer) falls back to an owned string")
    func decodeFieldWithoutMerge() throws {
        var note = try LazyNote(wireBytes: LazyNote { $0.title = "kept" }.wireBytes())
        try hex("1205 6f74686572").withUnsafeBytes { raw in
            var decoder = WireDecoder(raw)
            while let tag = try decoder.nextTag() { try note.decodeField(tag, from: &decoder) }
        }
        #expect(note.title == "kept")
        #expect(note.body == "other")
        #expect(note.wireBytes() == hex("0a04 6b657074 1205 6f74686572"))
    }

    @Test("isASCII looks at every byte and no further, for every length and position")
    func asciiCheck() {
        for count in 0...40 {
            var bytes = [UInt8](repeating: 0x61, count: count)
            bytes.withUnsafeBytes { #expect(WireDecoder.isASCII($0)) }
            for position in 0..<count {
                bytes[position] = 0x80
                bytes.withUnsafeBytes { #expect(!WireDecoder.isASCII($0), "count \(count) position \(position)") }
                bytes[position] = 0x61
            }
            // A high byte just outside the slice is not seen.
            let padded = bytes + [0xFF]
            padded.withUnsafeBytes { raw in
                #expect(WireDecoder.isASCII(UnsafeRawBufferPointer(rebasing: raw[0..<count])))
            }
        }
    }

    @Test("a decoded message can be sent to another task and read there")
    func sendable() async throws {
        let decoded = try LazyNote(wireBytes: Self.sample.wireBytes())
        let title = await Task.detached { decoded.title + decoded.body }.value
        #expect(title == Self.sample.title + Self.sample.body)
    }
}
