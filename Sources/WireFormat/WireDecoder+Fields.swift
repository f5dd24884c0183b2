/// Field readers. Each checks that the tag's wire type fits the declared field type and throws
/// `invalidWireType` otherwise. Repeated scalar readers accept both packed and unpacked records.
extension WireDecoder {
    @inlinable @inline(__always)
    func expect(_ tag: WireTag, _ wireType: WireType) throws(WireDecodingError) {
        guard tag.wireType == wireType else {
            throw .invalidWireType(field: tag.fieldNumber, wireType: Int(tag.wireType.rawValue))
        }
    }

    @inlinable @inline(__always)
    public mutating func decodeInt32(_ tag: WireTag) throws(WireDecodingError) -> Int32 {
        try expect(tag, .varint)
        return Int32(truncatingIfNeeded: try readVarint())
    }

    @inlinable @inline(__always)
    public mutating func decodeInt64(_ tag: WireTag) throws(WireDecodingError) -> Int64 {
        try expect(tag, .varint)
        return Int64(bitPattern: try readVarint())
    }

    @inlinable @inline(__always)
    public mutating func decodeUInt32(_ tag: WireTag) throws(WireDecodingError) -> UInt32 {
        try expect(tag, .varint)
        return UInt32(truncatingIfNeeded: try readVarint())
    }

    @inlinable @inline(__always)
    public mutating func decodeUInt64(_ tag: WireTag) throws(WireDecodingError) -> UInt64 {
        try expect(tag, .varint)
        return try readVarint()
    }

    @inlinable
    public mutating func decodeSInt32(_ tag: WireTag) throws(WireDecodingError) -> Int32 {
        try expect(tag, .varint)
        return ZigZag.decode(UInt32(truncatingIfNeeded: try readVarint()))
    }

    @inlinable
    public mutating func decodeSInt64(_ tag: WireTag) throws(WireDecodingError) -> Int64 {
        try expect(tag, .varint)
        return ZigZag.decode(try readVarint())
    }

    @inlinable
    public mutating func decodeFixed32(_ tag: WireTag) throws(WireDecodingError) -> UInt32 {
        try expect(tag, .fixed32)
        return try readFixed32()
    }

    @inlinable
    public mutating func decodeFixed64(_ tag: WireTag) throws(WireDecodingError) -> UInt64 {
        try expect(tag, .fixed64)
        return try readFixed64()
    }

    @inlinable
    public mutating func decodeSFixed32(_ tag: WireTag) throws(WireDecodingError) -> Int32 {
        Int32(bitPattern: try decodeFixed32(tag))
    }

    @inlinable
    public mutating func decodeSFixed64(_ tag: WireTag) throws(WireDecodingError) -> Int64 {
        Int64(bitPattern: try decodeFixed64(tag))
    }

    @inlinable
    public mutating func decodeFloat(_ tag: WireTag) throws(WireDecodingError) -> Float {
        Float(bitPattern: try decodeFixed32(tag))
    }

    @inlinable
    public mutating func decodeDouble(_ tag: WireTag) throws(WireDecodingError) -> Double {
        Double(bitPattern: try decodeFixed64(tag))
    }

    /// Any non-zero varint is true, as in the reference implementations.
    @inlinable @inline(__always)
    public mutating func decodeBool(_ tag: WireTag) throws(WireDecodingError) -> Bool {
        try expect(tag, .varint)
        return try readVarint() != 0
    }

    @inlinable @inline(__always)
    public mutating func decodeEnum<E: WireEnum>(_ tag: WireTag, as type: E.Type = E.self) throws(WireDecodingError) -> E {
        E(rawValue: try decodeInt32(tag))
    }

    /// Reads a string, rejecting bytes that are not UTF-8.
    @inlinable @inline(__always)
    public mutating func decodeString(_ tag: WireTag) throws(WireDecodingError) -> String {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited()
        return try makeString(range, field: tag.fieldNumber)
    }

    /// Reads a string into `field`. A short ASCII value replacing a short value (a fresh
    /// message's "") is written in place (`SmallStringLayout.overwriteSmall`), skipping the
    /// release call of `field = ...`; everything else is an ordinary assignment.
    @inlinable @inline(__always)
    public mutating func decodeString(_ tag: WireTag, into field: inout String) throws(WireDecodingError) {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited()
        if range.count <= 15, let base = buffer.baseAddress,
           let words = WireDecoder.smallASCIIWords(base + range.lowerBound, count: range.count),
           SmallStringLayout.overwriteSmall(&field, low: words.low, high: words.high, count: range.count) {
            return
        }
        field = try makeString(range, field: tag.fieldNumber)
    }

    @inlinable @inline(__always)
    func makeString(_ range: Range<Int>, field: Int) throws(WireDecodingError) -> String {
        if range.isEmpty { return "" }
        guard let base = buffer.baseAddress else { throw .truncated }
        if range.count <= 15, let string = WireDecoder.smallASCIIString(base + range.lowerBound, count: range.count) {
            return string
        }
        let utf8 = UnsafeBufferPointer(start: (base + range.lowerBound).assumingMemoryBound(to: UInt8.self),
                                       count: range.count)
        // One pass: the standard library validates and builds the string (small ones inline,
        // no allocation). `String(validating:as:)` would be the spelled-out API, but it resolves
        // generic metadata on every call and was the single largest cost of decoding.
        guard let string = String._tryFromUTF8(utf8) else { throw .invalidUTF8(field: field) }
        return string
    }

    /// A `String` of 1 to 15 bytes if they are all ASCII (so valid UTF-8), else nil.
    ///
    /// The bytes become the inline string's words directly (`SmallStringLayout`), which replaces
    /// the standard library's validation pass and copy. Anything not ASCII goes back to the
    /// standard library's validation, so the accepted set is unchanged.
    @inlinable @inline(__always)
    static func smallASCIIString(_ start: UnsafeRawPointer, count: Int) -> String? {
        guard let words = smallASCIIWords(start, count: count) else { return nil }
        return SmallStringLayout.asciiString(low: words.low, high: words.high, count: count)
    }

    /// The 0 to 15 bytes at `start` as two little-endian words (bytes past `count` zero) if they
    /// are all ASCII, else nil. Reads only `start..<start+count`, as at most two words per half,
    /// and checks for ASCII in registers.
    @inlinable @inline(__always)
    static func smallASCIIWords(_ start: UnsafeRawPointer, count: Int) -> (low: UInt64, high: UInt64)? {
        let low: UInt64
        let high: UInt64
        if count > 8 {
            low = start.loadUnaligned(as: UInt64.self)
            // The last 8 bytes end at `count`; shifting drops the ones `low` already holds.
            high = start.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) &>> (UInt64(16 &- count) &* 8)
        } else if count == 8 {
            low = start.loadUnaligned(as: UInt64.self)
            high = 0
        } else if count >= 4 {
            // Two overlapping 4-byte reads merged into one word (the overlap holds equal bytes).
            low = UInt64(start.loadUnaligned(as: UInt32.self))
                | UInt64(start.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)) &<< (UInt64(count &- 4) &* 8)
            high = 0
        } else if count > 0 {
            // 1 to 3 bytes: first, middle and last (some the same byte).
            let middle = count &>> 1
            low = UInt64(start.load(as: UInt8.self))
                | UInt64(start.load(fromByteOffset: middle, as: UInt8.self)) &<< (UInt64(middle) &* 8)
                | UInt64(start.load(fromByteOffset: count &- 1, as: UInt8.self)) &<< (UInt64(count &- 1) &* 8)
            high = 0
        } else {
            return (0, 0)
        }
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return (low, high)
    }

    @inlinable
    public mutating func decodeBytes(_ tag: WireTag) throws(WireDecodingError) -> [UInt8] {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited()
        return Array(rawBytes(range))
    }

    // MARK: Messages

    /// Decodes a nested message, merging into an existing value as protobuf requires.
    @inlinable
    public mutating func decodeMessage<M: ProtoMessage>(_ tag: WireTag, into value: inout M?) throws(WireDecodingError) {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited()
        var inner = try nested(range)
        if value != nil {
            // Merge in place (no copy of the message, no destroy of the old value).
            try value?.merge(from: &inner)
        } else {
            var message = M()
            try message.merge(from: &inner)
            value = message
        }
    }

    /// Decodes a nested message into a non-optional value (merging).
    @inlinable
    public mutating func decodeMessage<M: ProtoMessage>(_ tag: WireTag, into value: inout M) throws(WireDecodingError) {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimited()
        var inner = try nested(range)
        try value.merge(from: &inner)
    }

    /// Decodes one element of a repeated message field and appends it.
    @inlinable
    public mutating func decodeRepeatedMessage<M: ProtoMessage>(_ tag: WireTag, into values: inout [M]) throws(WireDecodingError) {
        var message = M()
        try decodeMessage(tag, into: &message)
        values.append(message)
    }

    // MARK: Repeated scalars

    @inlinable
    public mutating func decodeRepeatedString(_ tag: WireTag, into values: inout [String]) throws(WireDecodingError) {
        values.append(try decodeString(tag))
    }

    @inlinable
    public mutating func decodeRepeatedBytes(_ tag: WireTag, into values: inout [[UInt8]]) throws(WireDecodingError) {
        values.append(try decodeBytes(tag))
    }

    /// Reads a repeated varint field given either one unpacked value or a packed run.
    @inlinable
    public mutating func decodeRepeatedVarints<T>(_ tag: WireTag, into values: inout [T],
                                                   _ fromWire: (UInt64) -> T) throws(WireDecodingError) {
        switch tag.wireType {
        case .varint:
            values.append(fromWire(try readVarint()))
        case .lengthDelimited:
            let range = try readLengthDelimited()
            var inner = WireDecoder(buffer: buffer, start: range.lowerBound, end: range.upperBound,
                                    depth: depth, recursionLimit: recursionLimit)
            while !inner.isAtEnd { values.append(fromWire(try inner.readVarint())) }
        default:
            throw .invalidWireType(field: tag.fieldNumber, wireType: Int(tag.wireType.rawValue))
        }
    }

    @inlinable
    public mutating func decodeRepeatedInt32(_ tag: WireTag, into values: inout [Int32]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { Int32(truncatingIfNeeded: $0) }
    }

    @inlinable
    public mutating func decodeRepeatedInt64(_ tag: WireTag, into values: inout [Int64]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { Int64(bitPattern: $0) }
    }

    @inlinable
    public mutating func decodeRepeatedUInt32(_ tag: WireTag, into values: inout [UInt32]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { UInt32(truncatingIfNeeded: $0) }
    }

    @inlinable
    public mutating func decodeRepeatedUInt64(_ tag: WireTag, into values: inout [UInt64]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { $0 }
    }

    @inlinable
    public mutating func decodeRepeatedSInt32(_ tag: WireTag, into values: inout [Int32]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { ZigZag.decode(UInt32(truncatingIfNeeded: $0)) }
    }

    @inlinable
    public mutating func decodeRepeatedSInt64(_ tag: WireTag, into values: inout [Int64]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { ZigZag.decode($0) }
    }

    @inlinable
    public mutating func decodeRepeatedBool(_ tag: WireTag, into values: inout [Bool]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { $0 != 0 }
    }

    @inlinable
    public mutating func decodeRepeatedEnum<E: WireEnum>(_ tag: WireTag, into values: inout [E]) throws(WireDecodingError) {
        try decodeRepeatedVarints(tag, into: &values) { E(rawValue: Int32(truncatingIfNeeded: $0)) }
    }

    /// Reads a repeated fixed32 field given either one unpacked value or a packed run.
    @inlinable
    public mutating func decodeRepeatedFixed32(_ tag: WireTag, into values: inout [UInt32]) throws(WireDecodingError) {
        switch tag.wireType {
        case .fixed32:
            values.append(try readFixed32())
        case .lengthDelimited:
            let range = try readLengthDelimited()
            guard range.count % 4 == 0 else { throw .truncated }
            var inner = WireDecoder(buffer: buffer, start: range.lowerBound, end: range.upperBound,
                                    depth: depth, recursionLimit: recursionLimit)
            while !inner.isAtEnd { values.append(try inner.readFixed32()) }
        default:
            throw .invalidWireType(field: tag.fieldNumber, wireType: Int(tag.wireType.rawValue))
        }
    }

    /// Reads a repeated fixed64 field given either one unpacked value or a packed run.
    @inlinable
    public mutating func decodeRepeatedFixed64(_ tag: WireTag, into values: inout [UInt64]) throws(WireDecodingError) {
        switch tag.wireType {
        case .fixed64:
            values.append(try readFixed64())
        case .lengthDelimited:
            let range = try readLengthDelimited()
            guard range.count % 8 == 0 else { throw .truncated }
            var inner = WireDecoder(buffer: buffer, start: range.lowerBound, end: range.upperBound,
                                    depth: depth, recursionLimit: recursionLimit)
            while !inner.isAtEnd { values.append(try inner.readFixed64()) }
        default:
            throw .invalidWireType(field: tag.fieldNumber, wireType: Int(tag.wireType.rawValue))
        }
    }

    @inlinable
    public mutating func decodeRepeatedFloat(_ tag: WireTag, into values: inout [Float]) throws(WireDecodingError) {
        var raw: [UInt32] = []
        try decodeRepeatedFixed32(tag, into: &raw)
        for bits in raw { values.append(Float(bitPattern: bits)) }
    }

    @inlinable
    public mutating func decodeRepeatedDouble(_ tag: WireTag, into values: inout [Double]) throws(WireDecodingError) {
        var raw: [UInt64] = []
        try decodeRepeatedFixed64(tag, into: &raw)
        for bits in raw { values.append(Double(bitPattern: bits)) }
    }

    // MARK: Maps

    /// Reads one `map<string, string>` entry and stores it (a later duplicate key wins).
    @inlinable
    public mutating func decodeStringMapEntry(_ tag: WireTag, into map: inout [String: String]) throws(WireDecodingError) {
        try expect(tag, .lengthDelimited)
        var entry = try nested(try readLengthDelimited())
        var key = ""
        var value = ""
        while let inner = try entry.nextTag() {
            switch inner.fieldNumber {
            case 1: key = try entry.decodeString(inner)
            case 2: value = try entry.decodeString(inner)
            default: try entry.skipField(inner)
            }
        }
        map[key] = value
    }

    /// Reads one `map<string, Message>` entry and stores it (a later duplicate key wins).
    @inlinable
    public mutating func decodeMessageMapEntry<M: ProtoMessage>(_ tag: WireTag, into map: inout [String: M]) throws(WireDecodingError) {
        try expect(tag, .lengthDelimited)
        var entry = try nested(try readLengthDelimited())
        var key = ""
        var value: M? = nil
        while let inner = try entry.nextTag() {
            switch inner.fieldNumber {
            case 1: key = try entry.decodeString(inner)
            case 2: try entry.decodeMessage(inner, into: &value)
            default: try entry.skipField(inner)
            }
        }
        map[key] = value ?? M()
    }
}
