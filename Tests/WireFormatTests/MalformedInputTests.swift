import Testing
@testable import WireFormat

@Suite("Malformed input")
struct MalformedInputTests {
    @Test("wire types 6 and 7 do not exist", arguments: ["0e 00", "0f 00", "fe01 00"])
    func invalidWireType(input: String) {
        #expect(throws: WireDecodingError.self) { try AllTypes(wireBytes: hex(input)) }
        do {
            _ = try AllTypes(wireBytes: hex(input))
        } catch {
            guard case .invalidWireType = error else { Issue.record("got \(error)"); return }
        }
    }

    @Test("a known field with the wrong wire type is rejected with its number and wire type", arguments: [
        ("0d 00000000", 1, 5),   // int32 sent as fixed32
        ("70 01", 14, 0),        // string sent as a varint
        ("8801 01", 17, 0),      // message sent as a varint
        ("65 00000000", 12, 5),  // double sent as fixed32
    ])
    func wrongWireTypeForKnownField(input: String, field: Int, wireType: Int) {
        #expect(throws: WireDecodingError.invalidWireType(field: field, wireType: wireType)) {
            try AllTypes(wireBytes: hex(input))
        }
    }

    @Test("field number zero is invalid")
    func fieldZero() {
        #expect(throws: WireDecodingError.invalidFieldNumber) { try AllTypes(wireBytes: hex("00 01")) }
    }

    @Test("a length past the end of the input is rejected", arguments: ["72 05 6162", "8a01 02 08", "72 ffffffffffffffff7f"])
    func lengthPastEnd(input: String) {
        #expect(throws: WireDecodingError.lengthPastEnd) { try AllTypes(wireBytes: hex(input)) }
    }

    @Test("fixed-width values cut short are truncated", arguments: ["3d 0100", "41 01000000", "5d", "61 00"])
    func truncatedFixed(input: String) {
        #expect(throws: WireDecodingError.truncated) { try AllTypes(wireBytes: hex(input)) }
    }

    @Test("a packed fixed32 run whose length is not a multiple of four is rejected")
    func raggedPackedFixed() {
        #expect(throws: WireDecodingError.truncated) { try AllTypes(wireBytes: hex("ba01 03 010000")) }
    }

    @Test("invalid UTF-8 in a string field is rejected with the field number", arguments: [
        "72 01 ff", "72 02 c328", "72 03 eda080", "72 02 c0af", "72 04 f4908080",
    ])
    func invalidUTF8(input: String) {
        #expect(throws: WireDecodingError.invalidUTF8(field: 14)) { try AllTypes(wireBytes: hex(input)) }
    }

    @Test("invalid UTF-8 inside a repeated string or map is rejected too")
    func invalidUTF8Nested() {
        #expect(throws: WireDecodingError.invalidUTF8(field: 19)) { try AllTypes(wireBytes: hex("9a01 01 80")) }
        #expect(throws: WireDecodingError.invalidUTF8(field: 1)) { try AllTypes(wireBytes: hex("aa01 03 0a01ff")) }
    }

    @Test("bytes fields accept any bytes")
    func bytesAreNotValidated() throws {
        #expect(try AllTypes(wireBytes: hex("7a 02 ff80")).bytes == [0xFF, 0x80])
    }

    @Test("an end-group tag without a start is rejected")
    func strayEndGroup() {
        #expect(throws: WireDecodingError.unmatchedEndGroup(field: 99)) { try AllTypes(wireBytes: hex("9c06")) }
    }

    @Test("a group closed with another field number is rejected")
    func mismatchedGroup() {
        // start group 99, end group 98
        #expect(throws: WireDecodingError.unmatchedEndGroup(field: 98)) { try AllTypes(wireBytes: hex("9b06 9406")) }
    }

    @Test("a group that never ends is truncated")
    func unterminatedGroup() {
        #expect(throws: WireDecodingError.truncated) { try AllTypes(wireBytes: hex("9b06 0801")) }
    }

    @Test("every prefix of a valid message either decodes or fails with an error, never traps")
    func everyPrefix() {
        var message = AllTypes()
        message.string = "héllo"
        message.child = Node.chain(depth: 3)
        message.packedInt32 = [1, -1, 300]
        message.labels = ["k": "v"]
        message.doubles = [2.5]
        let bytes = message.wireBytes()
        var failures = 0
        for length in 0..<bytes.count {
            if (try? AllTypes(wireBytes: Array(bytes.prefix(length)))) == nil { failures += 1 }
        }
        #expect(failures > 0)
        #expect((try? AllTypes(wireBytes: bytes)) == message)
    }
}
