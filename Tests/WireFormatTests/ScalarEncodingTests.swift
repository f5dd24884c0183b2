import Testing
@testable import WireFormat

@Suite("Scalar field encodings")
struct ScalarEncodingTests {
    /// Each case sets one field and names the exact bytes the protobuf encoding guide gives.
    static let cases: [(String, @Sendable (inout AllTypes) -> Void, String)] = [
        ("int64 -2", { $0.int64 = -2 }, "10 feffffffffffffffff01"),
        ("uint32 150", { $0.uint32 = 150 }, "18 9601"),
        ("uint64 max", { $0.uint64 = .max }, "20 ffffffffffffffffff01"),
        ("sint32 -1", { $0.sint32 = -1 }, "28 01"),
        ("sint64 -150", { $0.sint64 = -150 }, "30 ab02"),
        ("fixed32 1", { $0.fixed32 = 1 }, "3d 01000000"),
        ("fixed64 1", { $0.fixed64 = 1 }, "41 0100000000000000"),
        ("sfixed32 -1", { $0.sfixed32 = -1 }, "4d ffffffff"),
        ("sfixed64 -2", { $0.sfixed64 = -2 }, "51 feffffffffffffff"),
        ("float 1.0", { $0.float = 1 }, "5d 0000803f"),
        ("double 1.0", { $0.double = 1 }, "61 000000000000f03f"),
        ("double -0.0 is written", { $0.double = -0.0 }, "61 0000000000000080"),
        ("bool true", { $0.bool = true }, "68 01"),
        ("string testing", { $0.string = "testing" }, "72 07 74657374696e67"),
        ("bytes", { $0.bytes = [0, 255] }, "7a 02 00ff"),
        ("enum", { $0.color = .green }, "8001 02"),
        ("unknown enum value kept", { $0.color = .unrecognized(99) }, "8001 63"),
        ("negative enum value", { $0.color = .unrecognized(-1) }, "8001 ffffffffffffffffff01"),
        ("packed int32", { $0.packedInt32 = [3, 270, 86942] }, "9201 06 03 8e02 9ea705"),
        ("repeated string", { $0.strings = ["a", ""] }, "9a01 01 61 9a01 00"),
        ("packed double", { $0.doubles = [1] }, "a201 08 000000000000f03f"),
        ("map sorted by key", { $0.labels = ["b": "2", "a": "1"] }, "aa01 06 0a0161 120131 aa01 06 0a0162 120132"),
        ("packed sint64", { $0.sint64s = [-1, 1] }, "b201 02 01 02"),
        ("packed fixed32", { $0.fixed32s = [1, 2] }, "ba01 08 01000000 02000000"),
        ("packed enum", { $0.colors = [.red, .unrecognized(7)] }, "c201 02 01 07"),
        ("optional int32 zero is present", { $0.optionalInt = 0 }, "c801 00"),
        ("empty nested message is present", { $0.child = Node() }, "8a01 00"),
    ]

    @Test("each field kind encodes to the reference bytes and decodes to the same value",
          arguments: cases.indices)
    func encodeDecode(index: Int) throws {
        let (_, set, expected) = Self.cases[index]
        var message = AllTypes()
        set(&message)
        #expect(message.wireBytes() == hex(expected))
        #expect(try AllTypes(wireBytes: hex(expected)) == message)
    }

    @Test("a message with every field at its default encodes to nothing, and nothing decodes to defaults")
    func defaults() throws {
        #expect(AllTypes().wireBytes().isEmpty)
        #expect(try AllTypes(wireBytes: []) == AllTypes())
    }

    @Test("NaN and infinities survive a round trip bit for bit")
    func specialFloats() throws {
        var message = AllTypes()
        message.double = .infinity
        message.float = -.infinity
        message.doubles = [.nan, -.infinity]
        let decoded = try AllTypes(wireBytes: message.wireBytes())
        #expect(decoded.double == .infinity)
        #expect(decoded.float == -.infinity)
        #expect(decoded.doubles.map(\.bitPattern) == message.doubles.map(\.bitPattern))
    }

    @Test("a nested message longer than 127 bytes gets a two-byte length")
    func longNestedLength() throws {
        var message = AllTypes()
        var child = Node()
        child.unknownFields = UnknownFields(bytes: [0x1A, 0xC5, 0x01] + Array(repeating: 0x41, count: 197))
        message.child = child
        let bytes = message.wireBytes()
        #expect(Array(bytes.prefix(4)) == hex("8a01 c801"))
        #expect(bytes.count == 4 + 200)
        #expect(try AllTypes(wireBytes: bytes) == message)
    }
}
