import Testing
@testable import Security

@Suite("base64url, strict JSON and SHA-256")
struct EncodingTests {
    @Test("base64url matches RFC 4648 vectors (unpadded, URL alphabet)", arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"), ("\u{FB}\u{FF}", "w7vDvw"),
    ])
    func vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("the URL alphabet uses - and _")
    func urlAlphabet() throws {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test("non-canonical base64url is refused", arguments: [
        ("Zg==", Base64URL.DecodingError.invalidCharacter), ("Z", .invalidLength), ("Zh", .nonCanonicalTrailingBits),
        ("+/+/", .invalidCharacter), ("Zm9v\n", .invalidCharacter), ("Zm 9v", .invalidCharacter),
        ("Zm9\u{00E9}", .invalidCharacter),
    ])
    func refused(text: String, error: Base64URL.DecodingError) {
        #expect(throws: error) { _ = try Base64URL.decode(text) }
    }

    @Test("strict JSON accepts valid documents exactly", arguments: [
        ("{\"a\":1}", StrictJSON.Value.object(["a": .integer(1)])),
        (" { \"a\" : [ true , false , null ] } ", .object(["a": .array([.bool(true), .bool(false), .null])])),
        ("\"\\u00e9\\ud83d\\ude00\\n\"", .string("é😀\n")),
        ("-0", .integer(0)), ("1.5", .otherNumber("1.5")), ("1e3", .otherNumber("1e3")),
        ("9223372036854775807", .integer(.max)), ("9223372036854775808", .otherNumber("9223372036854775808")),
    ])
    func jsonAccepts(text: String, value: StrictJSON.Value) throws {
        #expect(try StrictJSON.parse(Array(text.utf8)) == value)
    }

    @Test("strict JSON refuses ambiguous or malformed documents", arguments: [
        "{\"a\":1,\"a\":2}", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "+1", "{'a':1}", "{\"a\":1} x", "\"\\ud83d\"",
        "\"\\x41\"", "\"tab\there\"", "tru", "{\"a\" 1}", "", "[[[[[[[[[[1]]]]]]]]]]", "\"\u{FFFD}\"x",
    ])
    func jsonRefuses(text: String) {
        #expect(throws: StrictJSON.ParseError.self) { _ = try StrictJSON.parse(Array(text.utf8)) }
    }

    @Test("strict JSON refuses invalid UTF-8")
    func jsonInvalidUTF8() {
        #expect(throws: StrictJSON.ParseError.invalidUTF8) { _ = try StrictJSON.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test("JSON quoting escapes what JSON requires", arguments: [
        ("plain", "\"plain\""), ("q\"b\\", "\"q\\\"b\\\\\""), ("nl\n", "\"nl\\n\""), ("\u{01}", "\"\\u0001\""),
    ])
    func quoting(raw: String, quoted: String) throws {
        #expect(StrictJSON.quote(raw) == quoted)
        #expect(try StrictJSON.parse(Array(quoted.utf8)) == .string(raw))
    }

    @Test("SHA-256 matches the FIPS 180-2 vectors, for String, Substring and bytes", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(input: String, hex: String) throws {
        #expect(try SHA256.hash(input).hex == hex)
        #expect(try SHA256.hash(("x" + input).dropFirst()).hex == hex)
        #expect(try SHA256.hash(Array(input.utf8)).hex == hex)
        #expect(try SHA256.hash(AnySequenceCollection(Array(input.utf8))).hex == hex)
        let digest = try SHA256.hash(input)
        #expect(SHA256Digest(bytes: digest.bytes) == digest)
    }

    @Test("SHA-256 is consistent across threads (per-thread contexts)")
    func sha256Threads() async throws {
        let expected = try SHA256.hash("abc")
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<32 { group.addTask { (0..<200).allSatisfy { _ in (try? SHA256.hash("abc")) == expected } } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 })
    }
}

/// A collection without contiguous storage, to exercise the copying path.
struct AnySequenceCollection: Collection {
    let base: [UInt8]
    init(_ base: [UInt8]) { self.base = base }
    var startIndex: Int { base.startIndex }
    var endIndex: Int { base.endIndex }
    subscript(position: Int) -> UInt8 { base[position] }
    func index(after i: Int) -> Int { i + 1 }
}
