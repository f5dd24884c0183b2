import Testing
@testable import WireFormat

@Suite("Field semantics: order, repetition, unknown fields")
struct FieldSemanticsTests {
    @Test("packed and unpacked encodings of a repeated scalar decode alike, and runs accumulate")
    func packedAndUnpacked() throws {
        let packed = hex("9201 03 01 02 03")
        let unpacked = hex("9001 01 9001 02 9001 03")
        let mixed = hex("9001 01 9201 02 02 03")
        let expected: [Int32] = [1, 2, 3]
        #expect(try AllTypes(wireBytes: packed).packedInt32 == expected)
        #expect(try AllTypes(wireBytes: unpacked).packedInt32 == expected)
        #expect(try AllTypes(wireBytes: mixed).packedInt32 == expected)
        #expect(try AllTypes(wireBytes: hex("bd01 01000000 ba01 04 02000000")).fixed32s == [1, 2])
        #expect(try AllTypes(wireBytes: hex("c001 01 c201 01 02")).colors == [.red, .green])
        #expect(try AllTypes(wireBytes: hex("a101 000000000000f03f")).doubles == [1])
    }

    @Test("fields may arrive in any order")
    func anyOrder() throws {
        let forward = hex("08 01 72 01 61 8001 02")
        let reversed = hex("8001 02 72 01 61 08 01")
        #expect(try AllTypes(wireBytes: forward) == AllTypes(wireBytes: reversed))
    }

    @Test("the last value of a repeated scalar field wins")
    func lastOneWins() throws {
        let decoded = try AllTypes(wireBytes: hex("08 01 08 02 72 01 61 72 01 62"))
        #expect(decoded.int32 == 2)
        #expect(decoded.string == "b")
    }

    @Test("two occurrences of a nested message merge")
    func messagesMerge() throws {
        // child { value: 7 } then child { children: [{}] }: merged has both.
        let bytes = hex("8a01 02 0807 8a01 02 1200")
        let decoded = try AllTypes(wireBytes: bytes)
        #expect(decoded.child?.value == 7)
        #expect(decoded.child?.children.count == 1)
    }

    @Test("a map entry with a missing key or value uses the defaults, and a repeated key keeps the last value")
    func mapEntries() throws {
        #expect(try AllTypes(wireBytes: hex("aa01 03 120178")).labels == ["": "x"])
        #expect(try AllTypes(wireBytes: hex("aa01 03 0a0178")).labels == ["x": ""])
        #expect(try AllTypes(wireBytes: hex("aa01 06 0a016b120131 aa01 06 0a016b120132")).labels == ["k": "2"])
        // Unknown fields inside an entry are ignored.
        #expect(try AllTypes(wireBytes: hex("aa01 08 0a016b 1801 120131")).labels == ["k": "1"])
    }

    @Test("unknown fields of every wire type are kept and re-encoded byte for byte")
    func unknownFieldsPreserved() throws {
        let known = hex("08 01 72 01 61")
        let unknown = hex("""
            f807 96 01
            f907 0102030405060708
            fa07 03 616263
            fd07 01020304
            fb07 0801 fc07
            """)
        let decoded = try AllTypes(wireBytes: known + unknown)
        #expect(decoded.unknownFields.bytes == unknown)
        #expect(decoded.wireBytes() == known + unknown)
        // Interleaved unknown fields are kept in arrival order and move after the known ones.
        let interleaved = hex("f807 05 08 01 fa07 00 72 01 61")
        let reencoded = try AllTypes(wireBytes: interleaved).wireBytes()
        #expect(reencoded == known + hex("f807 05 fa07 00"))
    }

    @Test("unknown fields inside nested messages survive a round trip")
    func nestedUnknownFields() throws {
        let bytes = hex("8a01 05 0801 f80701")
        let decoded = try AllTypes(wireBytes: bytes)
        #expect(decoded.child?.unknownFields.bytes == hex("f80701"))
        #expect(decoded.wireBytes() == bytes)
    }

    @Test("a boolean accepts any non-zero varint as true")
    func boolNonZero() throws {
        #expect(try AllTypes(wireBytes: hex("68 02")).bool)
        #expect(try AllTypes(wireBytes: hex("68 8001")).bool)
    }
}
