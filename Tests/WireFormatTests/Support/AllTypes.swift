import WireFormat

/// A test message with one field of every proto3 wire kind, so the codec is exercised beyond
/// what the product schema happens to use.
struct AllTypes: ProtoMessage {
    static let protoMessageName = "test.AllTypes"
    var int32: Int32 = 0
    var int64: Int64 = 0
    var uint32: UInt32 = 0
    var uint64: UInt64 = 0
    var sint32: Int32 = 0
    var sint64: Int64 = 0
    var fixed32: UInt32 = 0
    var fixed64: UInt64 = 0
    var sfixed32: Int32 = 0
    var sfixed64: Int64 = 0
    var float: Float = 0
    var double: Double = 0
    var bool = false
    var string = ""
    var bytes: [UInt8] = []
    var color = TestColor.none
    var child: Node?
    var packedInt32: [Int32] = []
    var strings: [String] = []
    var doubles: [Double] = []
    var labels: [String: String] = [:]
    var sint64s: [Int64] = []
    var fixed32s: [UInt32] = []
    var colors: [TestColor] = []
    var optionalInt: Int32?
    var unknownFields = UnknownFields()

    init() {}

    mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
        switch tag.fieldNumber {
        case 1: int32 = try d.decodeInt32(tag)
        case 2: int64 = try d.decodeInt64(tag)
        case 3: uint32 = try d.decodeUInt32(tag)
        case 4: uint64 = try d.decodeUInt64(tag)
        case 5: sint32 = try d.decodeSInt32(tag)
        case 6: sint64 = try d.decodeSInt64(tag)
        case 7: fixed32 = try d.decodeFixed32(tag)
        case 8: fixed64 = try d.decodeFixed64(tag)
        case 9: sfixed32 = try d.decodeSFixed32(tag)
        case 10: sfixed64 = try d.decodeSFixed64(tag)
        case 11: float = try d.decodeFloat(tag)
        case 12: double = try d.decodeDouble(tag)
        case 13: bool = try d.decodeBool(tag)
        case 14: try d.decodeString(tag, into: &string)
        case 15: bytes = try d.decodeBytes(tag)
        case 16: color = try d.decodeEnum(tag)
        case 17: try d.decodeMessage(tag, into: &child)
        case 18: try d.decodeRepeatedInt32(tag, into: &packedInt32)
        case 19: try d.decodeRepeatedString(tag, into: &strings)
        case 20: try d.decodeRepeatedDouble(tag, into: &doubles)
        case 21: try d.decodeStringMapEntry(tag, into: &labels)
        case 22: try d.decodeRepeatedSInt64(tag, into: &sint64s)
        case 23: try d.decodeRepeatedFixed32(tag, into: &fixed32s)
        case 24: try d.decodeRepeatedEnum(tag, into: &colors)
        case 25: optionalInt = try d.decodeInt32(tag)
        default: try d.skipField(tag, into: &unknownFields)
        }
    }

    func encode(to e: inout WireEncoder) {
        e.encodeInt32(1, int32)
        e.encodeInt64(2, int64)
        e.encodeUInt32(3, uint32)
        e.encodeUInt64(4, uint64)
        e.encodeSInt32(5, sint32)
        e.encodeSInt64(6, sint64)
        e.encodeFixed32(7, fixed32)
        e.encodeFixed64(8, fixed64)
        e.encodeSFixed32(9, sfixed32)
        e.encodeSFixed64(10, sfixed64)
        e.encodeFloat(11, float)
        e.encodeDouble(12, double)
        e.encodeBool(13, bool)
        e.encodeString(14, string)
        e.encodeBytes(15, bytes)
        e.encodeEnum(16, color)
        e.encodeMessage(17, child)
        e.encodePackedInt32(18, packedInt32)
        e.encodeRepeatedString(19, strings)
        e.encodePackedDouble(20, doubles)
        e.encodeStringMap(21, labels)
        e.encodePackedSInt64(22, sint64s)
        e.encodePackedFixed32(23, fixed32s)
        e.encodePackedEnum(24, colors)
        if let optionalInt { e.encodeInt32(25, optionalInt, force: true) }
        e.appendUnknownFields(unknownFields)
    }
}

/// A recursive test message (a tree), for recursion-limit tests.
struct Node: ProtoMessage {
    static let protoMessageName = "test.Node"
    var value: Int64 = 0
    var children: [Node] = []
    var unknownFields = UnknownFields()

    init() {}

    mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
        switch tag.fieldNumber {
        case 1: value = try d.decodeInt64(tag)
        case 2: try d.decodeRepeatedMessage(tag, into: &children)
        default: try d.skipField(tag, into: &unknownFields)
        }
    }

    func encode(to e: inout WireEncoder) {
        e.encodeInt64(1, value)
        e.encodeRepeatedMessage(2, children)
        e.appendUnknownFields(unknownFields)
    }

    /// A chain of `depth` nested nodes.
    static func chain(depth: Int) -> Node {
        var node = Node()
        node.value = Int64(depth)
        for level in 0..<depth {
            var parent = Node()
            parent.value = Int64(level)
            parent.children = [node]
            node = parent
        }
        return node
    }
}

/// Hex helpers for readable byte expectations.
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}
