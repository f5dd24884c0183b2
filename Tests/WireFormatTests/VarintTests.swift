import Testing
@testable import WireFormat

@Suite("Varints and ZigZag")
struct VarintTests {
    @Test("a varint encodes to the bytes the protobuf spec gives and decodes back",
          arguments: [
            (UInt64(0), "00"), (1, "01"), (127, "7f"), (128, "8001"), (150, "9601"), (300, "ac02"),
            (16_383, "ff7f"), (16_384, "808001"), (UInt64(UInt32.max), "ffffffff0f"),
            (UInt64.max, "ffffffffffffffffff01"),
          ])
    func varintRoundTrip(value: UInt64, expected: String) throws {
        var encoder = WireEncoder()
        encoder.appendVarint(value)
        #expect(encoder.bytes == hex(expected))
        #expect(WireEncoder.varintSize(value) == hex(expected).count)
        let decoded = try encoder.bytes.withUnsafeBytes { raw throws(WireDecodingError) in
            var decoder = WireDecoder(raw)
            let value = try decoder.readVarint()
            #expect(decoder.isAtEnd)
            return value
        }
        #expect(decoded == value)
    }

    @Test("ZigZag maps small magnitudes to small codes", arguments: [
        (Int64(0), UInt64(0)), (-1, 1), (1, 2), (-2, 3), (2_147_483_647, 4_294_967_294),
        (-2_147_483_648, 4_294_967_295), (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max),
    ])
    func zigzag(value: Int64, code: UInt64) {
        #expect(ZigZag.encode(value) == code)
        #expect(ZigZag.decode(code) == value)
        if let small = Int32(exactly: value) {
            #expect(UInt64(ZigZag.encode(small)) == code)
            #expect(ZigZag.decode(UInt32(code)) == small)
        }
    }

    @Test("a negative int32 takes ten bytes on the wire and decodes back")
    func negativeInt32() throws {
        var message = AllTypes()
        message.int32 = -1
        let bytes = message.wireBytes()
        #expect(bytes == hex("08 ffffffffffffffffff01"))
        #expect(try AllTypes(wireBytes: bytes).int32 == -1)
        message.int32 = Int32.min
        #expect(try AllTypes(wireBytes: message.wireBytes()).int32 == Int32.min)
    }

    @Test("a varint of eleven bytes is rejected as overlong")
    func overlongVarint() {
        let bytes = hex("08 ffffffffffffffffffff01")
        #expect(throws: WireDecodingError.overlongVarint) { try AllTypes(wireBytes: bytes) }
    }

    @Test("a varint cut short is reported as truncated", arguments: ["08", "08 80", "08 ffff", "88"])
    func truncatedVarint(input: String) {
        #expect(throws: WireDecodingError.truncated) { try AllTypes(wireBytes: hex(input)) }
    }

    @Test("an int32 sent as a 64-bit varint keeps the low 32 bits, like the reference decoders")
    func int32Truncation() throws {
        // 2^32 + 5 on the wire for an int32 field.
        let bytes = hex("08 8580808010")
        #expect(try AllTypes(wireBytes: bytes).int32 == 5)
    }
}
