#if canImport(Glibc)
import Glibc
#endif

/// Decodes values written by `BinaryPayloadEncoder`.
///
/// Every read is bounds-checked: damaged bytes give `BinaryPayloadError.corrupt`, never a crash.
/// Keys are matched in the order they were written (one comparison per field in the common case);
/// a key asked for out of order, or missing, falls back to a scan of its container, so decoding
/// does not depend on the writer and reader declaring fields in the same order.
public enum BinaryPayloadDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { raw throws -> T in
            let state = BinaryDecodingState(raw)
            let end = try state.valueEnd(0)
            guard end == raw.count else {
                throw BinaryPayloadError.corrupt(offset: end, "\(raw.count - end) bytes after the value")
            }
            return try state.decodeValue(T.self, at: 0, depth: 0)
        }
    }
}

/// The state of one decode. Only valid inside `BinaryPayloadDecoder.decode` (it holds a pointer
/// into the caller's bytes).
final class BinaryDecodingState: Decoder {
    let base: UnsafeRawBufferPointer
    /// Offset of the value `init(from:)` is decoding.
    @exclusivity(unchecked) var current = 0
    /// Nesting depth of the value being decoded; a keyed container keeps its read position in the
    /// slot of its depth, and the values inside it decode one level deeper.
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var cursors: [Int] = []
    @exclusivity(unchecked) var cursorIDs: [UInt32] = []
    @exclusivity(unchecked) var nextID: UInt32 = 1

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ base: UnsafeRawBufferPointer) {
        self.base = base
        cursors.reserveCapacity(8)
        cursorIDs.reserveCapacity(8)
    }

    func corrupt(_ offset: Int, _ reason: String) -> BinaryPayloadError { .corrupt(offset: offset, reason) }

    // MARK: raw reads

    @inline(__always)
    func byte(_ offset: Int) throws -> UInt8 {
        guard offset >= 0, offset < base.count else { throw corrupt(offset, "unexpected end of data") }
        return base[offset]
    }

    @inline(__always)
    func tag(_ offset: Int) throws -> BinaryPayload.Tag {
        let b = try byte(offset)
        guard let tag = BinaryPayload.Tag(rawValue: b) else { throw corrupt(offset, "unknown tag \(b)") }
        return tag
    }

    /// A varint at `offset`: its value and the offset after it.
    @inline(__always)
    func varint(_ offset: Int) throws -> (UInt64, Int) {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = offset
        while true {
            let b = try byte(p)
            p += 1
            if shift == 63 && b > 1 { throw corrupt(offset, "varint overflows 64 bits") }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return (result, p) }
            shift += 7
            if shift > 63 { throw corrupt(offset, "varint too long") }
        }
    }

    @inline(__always)
    func u32(_ offset: Int) throws -> Int {
        guard offset >= 0, offset + 4 <= base.count else { throw corrupt(offset, "unexpected end of data") }
        return Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// A length-prefixed byte run at `offset`: its start and end.
    @inline(__always)
    func run(_ offset: Int) throws -> (Int, Int) {
        let (length, start) = try varint(offset)
        guard length <= UInt64(base.count - start) else { throw corrupt(offset, "length \(length) runs past the end") }
        return (start, start + Int(length))
    }

    /// The offset just after the value starting at `offset`.
    func valueEnd(_ offset: Int) throws -> Int {
        switch try tag(offset) {
        case .nil, .false, .true: return offset + 1
        case .int, .uint: return try varint(offset + 1).1
        case .double: return try bounded(offset + 9)
        case .float: return try bounded(offset + 5)
        case .string, .bytes: return try run(offset + 1).1
        case .keyed, .unkeyed: return try bounded(offset + 5 + u32(offset + 1))
        }
    }

    private func bounded(_ end: Int) throws -> Int {
        guard end <= base.count else { throw corrupt(base.count, "unexpected end of data") }
        return end
    }

    // MARK: typed reads

    func readNil(_ offset: Int) throws -> Bool { try tag(offset) == .nil }

    func readBool(_ offset: Int) throws -> Bool {
        switch try tag(offset) {
        case .true: return true
        case .false: return false
        default: throw corrupt(offset, "expected a bool")
        }
    }

    func readInt(_ offset: Int) throws -> Int64 {
        switch try tag(offset) {
        case .int:
            let z = try varint(offset + 1).0
            return Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
        case .uint:
            let u = try varint(offset + 1).0
            guard u <= UInt64(Int64.max) else { throw corrupt(offset, "integer \(u) out of range") }
            return Int64(u)
        default: throw corrupt(offset, "expected an integer")
        }
    }

    func readUInt(_ offset: Int) throws -> UInt64 {
        switch try tag(offset) {
        case .uint: return try varint(offset + 1).0
        case .int:
            let v = try readInt(offset)
            guard v >= 0 else { throw corrupt(offset, "negative value \(v) for an unsigned integer") }
            return UInt64(v)
        default: throw corrupt(offset, "expected an integer")
        }
    }

    func readSigned<T: FixedWidthInteger & SignedInteger>(_ type: T.Type, _ offset: Int) throws -> T {
        let v = try readInt(offset)
        guard let narrowed = T(exactly: v) else { throw corrupt(offset, "\(v) does not fit \(T.self)") }
        return narrowed
    }

    func readUnsigned<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type, _ offset: Int) throws -> T {
        let v = try readUInt(offset)
        guard let narrowed = T(exactly: v) else { throw corrupt(offset, "\(v) does not fit \(T.self)") }
        return narrowed
    }

    func readDouble(_ offset: Int) throws -> Double {
        switch try tag(offset) {
        case .double:
            _ = try bounded(offset + 9)
            return Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self)))
        case .float: return Double(try readFloat(offset))
        default: throw corrupt(offset, "expected a floating-point number")
        }
    }

    func readFloat(_ offset: Int) throws -> Float {
        guard try tag(offset) == .float else { throw corrupt(offset, "expected a float") }
        _ = try bounded(offset + 5)
        return Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
    }

    func readString(_ offset: Int) throws -> String {
        guard try tag(offset) == .string else { throw corrupt(offset, "expected a string") }
        let (start, end) = try run(offset + 1)
        let run = UnsafeRawBufferPointer(rebasing: base[start..<end])
        // ASCII (every identifier, symbol and decimal the events hold) is valid UTF-8 as it is:
        // copy it without the generic validation, which costs metadata lookups per call.
        var ascii = true
        for b in run where b >= 0x80 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: run.count) { buffer in
                if let source = run.baseAddress, let target = buffer.baseAddress { memcpy(target, source, run.count) }
                return run.count
            }
        }
        guard let s = String(validating: run, as: UTF8.self) else { throw corrupt(start, "invalid UTF-8") }
        return s
    }

    /// Whether the key run at `start..<end` spells `key`.
    @inline(__always)
    func keyMatches(_ start: Int, _ end: Int, _ key: String) -> Bool {
        var k = key
        return k.withUTF8 { utf8 in
            // Keys are short: a byte loop beats a call to memcmp. `run` checked `end` is in bounds.
            guard utf8.count == end - start else { return false }
            var i = 0
            while i < utf8.count {
                if utf8[i] != base[start &+ i] { return false }
                i &+= 1
            }
            return true
        }
    }

    // MARK: nested values

    func decodeValue<T: Decodable>(_ type: T.Type, at offset: Int, depth newDepth: Int) throws -> T {
        if ObjectIdentifier(T.self) == binaryPayloadByteArrayType, try tag(offset) == .bytes {
            let (start, end) = try run(offset + 1)
            if let raw = Array(UnsafeRawBufferPointer(rebasing: base[start..<end])) as? T { return raw }
        }
        let saved = (current, depth)
        current = offset
        depth = newDepth
        defer { (current, depth) = saved }
        return try T(from: self)
    }

    func keyedContainer<Key: CodingKey>(_ keyType: Key.Type, at offset: Int, slot depth: Int) throws -> KeyedDecodingContainer<Key> {
        guard try tag(offset) == .keyed else { throw corrupt(offset, "expected a keyed container for \(Key.self)") }
        let end = try bounded(offset + 5 + u32(offset + 1))
        while cursors.count <= depth {
            cursors.append(0)
            cursorIDs.append(0)
        }
        let id = nextID
        nextID &+= 1
        cursors[depth] = offset + 5
        cursorIDs[depth] = id
        return KeyedDecodingContainer(BinaryKeyedDecoder<Key>(state: self, start: offset + 5, end: end, slot: depth, id: id))
    }

    func unkeyedContainer(at offset: Int) throws -> BinaryUnkeyedDecoder {
        guard try tag(offset) == .unkeyed else { throw corrupt(offset, "expected an unkeyed container") }
        let end = try bounded(offset + 5 + u32(offset + 1))
        guard end >= offset + 9 else { throw corrupt(offset, "unkeyed container too short") }
        return BinaryUnkeyedDecoder(state: self, cursor: offset + 9, end: end, count: try u32(offset + 5), depth: depth)
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try keyedContainer(Key.self, at: current, slot: depth)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try unkeyedContainer(at: current) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BinarySingleValueDecoder(state: self, offset: current, depth: depth)
    }
}

struct BinaryKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let state: BinaryDecodingState
    let start: Int
    let end: Int
    let slot: Int
    let id: UInt32
    var codingPath: [any CodingKey] { [] }

    /// The offset of `key`'s value, or nil when the container has no such key.
    private func find(_ key: Key) throws -> Int? {
        let name = key.stringValue
        let hint = state.cursorIDs[slot] == id ? state.cursors[slot] : start
        if hint < end {
            let (ks, ke) = try state.run(hint)
            if state.keyMatches(ks, ke, name) { return try found(ke) }
        }
        var p = start
        while p < end {
            let (ks, ke) = try state.run(p)
            if state.keyMatches(ks, ke, name) { return try found(ke) }
            p = try state.valueEnd(ke)
        }
        return nil
    }

    @inline(__always)
    private func found(_ value: Int) throws -> Int {
        let next = try state.valueEnd(value)
        guard next <= end else { throw state.corrupt(value, "value runs past its container") }
        if state.cursorIDs[slot] == id { state.cursors[slot] = next }
        return value
    }

    private func require(_ key: Key) throws -> Int {
        guard let offset = try find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no value for \(key.stringValue)"))
        }
        return offset
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var p = start
        while p < end, let (ks, ke) = try? state.run(p) {
            if let name = String(validating: UnsafeRawBufferPointer(rebasing: state.base[ks..<ke]), as: UTF8.self),
               let key = Key(stringValue: name) { keys.append(key) }
            guard let next = try? state.valueEnd(ke) else { break }
            p = next
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { ((try? find(key)) ?? nil) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try state.readNil(try require(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try state.readBool(try require(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try state.readString(try require(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try state.readDouble(try require(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try state.readFloat(try require(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try state.readSigned(Int.self, try require(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try state.readSigned(Int8.self, try require(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try state.readSigned(Int16.self, try require(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try state.readSigned(Int32.self, try require(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try state.readInt(try require(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try state.readUnsigned(UInt.self, try require(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try state.readUnsigned(UInt8.self, try require(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try state.readUnsigned(UInt16.self, try require(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try state.readUnsigned(UInt32.self, try require(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try state.readUInt(try require(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try state.decodeValue(T.self, at: try require(key), depth: slot + 1)
    }

    /// One lookup for "absent, null or a value" (the default implementation does three).
    @inline(__always)
    private func present(_ key: Key) throws -> Int? {
        guard let offset = try find(key), try !state.readNil(offset) else { return nil }
        return offset
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map(state.readBool) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map(state.readString) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map(state.readDouble) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key).map(state.readFloat) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try state.readSigned(Int.self, $0) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key).map { try state.readSigned(Int8.self, $0) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key).map { try state.readSigned(Int16.self, $0) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key).map { try state.readSigned(Int32.self, $0) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key).map(state.readInt) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key).map { try state.readUnsigned(UInt.self, $0) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key).map { try state.readUnsigned(UInt8.self, $0) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key).map { try state.readUnsigned(UInt16.self, $0) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key).map { try state.readUnsigned(UInt32.self, $0) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key).map(state.readUInt) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try state.decodeValue(T.self, at: $0, depth: slot + 1) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try state.keyedContainer(NestedKey.self, at: try require(key), slot: slot + 1)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let offset = try require(key)
        let saved = state.depth
        state.depth = slot + 1
        defer { state.depth = saved }
        return try state.unkeyedContainer(at: offset)
    }

    func superDecoder() throws -> any Decoder { throw BinaryPayloadError.unsupported("superDecoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw BinaryPayloadError.unsupported("superDecoder") }
}

struct BinaryUnkeyedDecoder: UnkeyedDecodingContainer {
    let state: BinaryDecodingState
    var cursor: Int
    let end: Int
    let total: Int
    /// The depth of the value holding this container; elements decode one level deeper.
    let depth: Int
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }

    init(state: BinaryDecodingState, cursor: Int, end: Int, count: Int, depth: Int) {
        self.state = state
        self.cursor = cursor
        self.end = end
        self.total = count
        self.depth = depth
    }

    var count: Int? { total }
    var isAtEnd: Bool { cursor >= end || currentIndex >= total }

    /// The offset of the next element; moves past it.
    private mutating func next() throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "unkeyed container is at its end"))
        }
        let offset = cursor
        let after = try state.valueEnd(offset)
        guard after <= end else { throw state.corrupt(offset, "element runs past its container") }
        cursor = after
        currentIndex += 1
        return offset
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try state.readNil(cursor) else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try state.readBool(try next()) }
    mutating func decode(_ type: String.Type) throws -> String { try state.readString(try next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try state.readDouble(try next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try state.readFloat(try next()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try state.readSigned(Int.self, try next()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try state.readSigned(Int8.self, try next()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try state.readSigned(Int16.self, try next()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try state.readSigned(Int32.self, try next()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try state.readInt(try next()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try state.readUnsigned(UInt.self, try next()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try state.readUnsigned(UInt8.self, try next()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try state.readUnsigned(UInt16.self, try next()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try state.readUnsigned(UInt32.self, try next()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try state.readUInt(try next()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let offset = try next()
        return try state.decodeValue(T.self, at: offset, depth: depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try state.keyedContainer(NestedKey.self, at: try next(), slot: depth + 1)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let offset = try next()
        let saved = state.depth
        state.depth = depth + 1
        defer { state.depth = saved }
        return try state.unkeyedContainer(at: offset)
    }

    mutating func superDecoder() throws -> any Decoder { throw BinaryPayloadError.unsupported("superDecoder") }
}

struct BinarySingleValueDecoder: SingleValueDecodingContainer {
    let state: BinaryDecodingState
    let offset: Int
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? state.readNil(offset)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try state.readBool(offset) }
    func decode(_ type: String.Type) throws -> String { try state.readString(offset) }
    func decode(_ type: Double.Type) throws -> Double { try state.readDouble(offset) }
    func decode(_ type: Float.Type) throws -> Float { try state.readFloat(offset) }
    func decode(_ type: Int.Type) throws -> Int { try state.readSigned(Int.self, offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try state.readSigned(Int8.self, offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try state.readSigned(Int16.self, offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try state.readSigned(Int32.self, offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try state.readInt(offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try state.readUnsigned(UInt.self, offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try state.readUnsigned(UInt8.self, offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try state.readUnsigned(UInt16.self, offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try state.readUnsigned(UInt32.self, offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try state.readUInt(offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try state.decodeValue(T.self, at: offset, depth: depth + 1) }
}
