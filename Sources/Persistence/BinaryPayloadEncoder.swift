#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes any `Encodable` value in the compact binary payload format (see `BinaryPayload`).
///
/// Why not `JSONEncoder`: it was most of the journal's encode and replay time. This encoder writes
/// straight into one byte array, keeps no coding path, and sorts dictionaries so that the same
/// value always gives the same bytes.
///
/// Usage: `try BinaryPayloadEncoder.encode(value)`. Not thread-safe per call; the static entry
/// point creates its own state, so concurrent calls are fine.
public enum BinaryPayloadEncoder {
    /// The value's bytes. Throws `BinaryPayloadError.unsupported` when the value's `encode(to:)`
    /// uses something the format cannot express (`superEncoder`, interleaved containers, 128-bit
    /// integers); callers may then fall back to another format.
    public static func encode<T: Encodable>(_ value: T, reservingCapacity: Int = 256) throws -> [UInt8] {
        let state = BinaryEncodingState.acquire(capacity: reservingCapacity)
        defer { state.relinquish() }
        try state.encodeValue(value)
        state.closeFrames(downTo: 0)
        if let failure = state.failure { throw BinaryPayloadError.unsupported(failure) }
        // A right-sized copy: the state keeps its buffer (and its capacity) for the thread's next encode.
        return Array(state.bytes[...])
    }
}

/// `[UInt8]`'s type, looked up once: naming `[UInt8].self` in unspecialised generic code costs a
/// metadata-cache lookup on every call.
let binaryPayloadByteArrayType = ObjectIdentifier([UInt8].self)

/// The thread-local slot holding each thread's reusable `BinaryEncodingState`, or nil when the
/// key could not be created (every encode then gets a fresh state).
private let binaryEncodingStateKey: pthread_key_t? = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
        guard let pointer else { return }
        Unmanaged<BinaryEncodingState>.fromOpaque(pointer).release()
    }
    return status == 0 ? key : nil
}()

/// The mutable state of one encode: the output and the stack of containers not yet closed.
///
/// Each thread reuses one state (its buffers and its cache of which types are dictionaries) across
/// encodes: `acquire` hands it out unless it is in use (a nested encode), then a fresh one.
///
/// A container's byte length is patched when it is closed, which happens lazily: when a shallower
/// container writes again, or at the end. Codable encodes strictly nested, so this is exact; a
/// container used after a sibling was opened is reported as unsupported.
final class BinaryEncodingState: Encoder {
    struct Frame {
        /// Offset of the container's u32 length field.
        var lengthOffset: Int
        var id: UInt32
        /// Offset of the u32 element count (unkeyed containers), or -1.
        var countOffset: Int
        var count: UInt32
    }

    // Confined to one encode on one thread; unchecked exclusivity (the dynamic checks cost more
    // than the writes they guard).
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var frames: [Frame] = []
    @exclusivity(unchecked) var nextID: UInt32 = 1
    /// A value slot is open (a key or array element was written and its value not yet).
    @exclusivity(unchecked) var expectingValue = false
    @exclusivity(unchecked) var failure: String?
    /// Whether the thread's encode is using this state (a nested encode then gets its own).
    @exclusivity(unchecked) var inUse = false
    /// Per type: whether it is a dictionary to be sorted. Remembered because the dynamic cast that
    /// answers it was the largest single cost of an encode.
    @exclusivity(unchecked) var sortedDictionaryTypes: [ObjectIdentifier: Bool] = [:]

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        frames.reserveCapacity(8)
    }

    /// Buffers above this size are not kept between encodes (a large snapshot section must not
    /// make every later small encode allocate as much).
    private static let retainedCapacity = 64 * 1024

    /// This thread's state, reset for a new encode, or a fresh one when it is in use.
    static func acquire(capacity: Int) -> BinaryEncodingState {
        guard let key = binaryEncodingStateKey else { return BinaryEncodingState(capacity: capacity) }
        if let pointer = pthread_getspecific(key) {
            let state = Unmanaged<BinaryEncodingState>.fromOpaque(pointer).takeUnretainedValue()
            if !state.inUse {
                state.reset(capacity: capacity)
                state.inUse = true
                return state
            }
            return BinaryEncodingState(capacity: capacity)
        }
        let state = BinaryEncodingState(capacity: capacity)
        let retained = Unmanaged.passRetained(state)
        if pthread_setspecific(key, retained.toOpaque()) != 0 {
            retained.release()
            return state
        }
        state.inUse = true
        return state
    }

    /// Ends an encode that `acquire` started.
    func relinquish() {
        inUse = false
        if bytes.capacity > Self.retainedCapacity { bytes = [] }
    }

    private func reset(capacity: Int) {
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(capacity)
        frames.removeAll(keepingCapacity: true)
        nextID = 1
        expectingValue = false
        failure = nil
    }

    /// Whether values of type `T` are dictionaries that encode sorted.
    @inline(__always)
    func isSortedDictionary<T>(_ type: T.Type, _ id: ObjectIdentifier) -> Bool {
        if let known = sortedDictionaryTypes[id] { return known }
        let answer = T.self is any SortedDictionaryEncodable.Type
        sortedDictionaryTypes[id] = answer
        return answer
    }

    func fail(_ reason: String) { if failure == nil { failure = reason } }

    // MARK: frames

    /// Opens a container as the current value; returns its depth and id.
    func openFrame(_ tag: BinaryPayload.Tag) -> (Int, UInt32) {
        bytes.append(tag.rawValue)
        let lengthOffset = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0] as [UInt8])
        var countOffset = -1
        if tag == .unkeyed {
            countOffset = bytes.count
            bytes.append(contentsOf: [0, 0, 0, 0] as [UInt8])
        }
        let id = nextID
        nextID &+= 1
        frames.append(Frame(lengthOffset: lengthOffset, id: id, countOffset: countOffset, count: 0))
        return (frames.count - 1, id)
    }

    /// Closes every frame deeper than `depth` (patching their lengths).
    func closeFrames(downTo depth: Int) {
        while frames.count > depth {
            let frame = frames.removeLast()
            let length = bytes.count - frame.lengthOffset - 4
            guard length <= Int(UInt32.max) else { fail("a container is larger than 4 GiB"); return }
            patch(UInt32(length), at: frame.lengthOffset)
            if frame.countOffset >= 0 { patch(frame.count, at: frame.countOffset) }
        }
    }

    private func patch(_ value: UInt32, at offset: Int) {
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self) }
    }

    /// Called before a container at `depth` writes: closes deeper frames and checks the container
    /// is still the open one at its depth.
    @inline(__always)
    func enter(_ depth: Int, _ id: UInt32) {
        if frames.count > depth + 1 { closeFrames(downTo: depth + 1) }
        if frames.count != depth + 1 || frames[depth].id != id {
            fail("a container was used after a sibling container was opened")
        }
        if expectingValue { fail("a value was left unwritten") }
    }

    @inline(__always)
    func countElement(_ depth: Int) {
        if depth < frames.count { frames[depth].count &+= 1 }
    }

    // MARK: primitives

    @inline(__always)
    func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always)
    func writeSigned(_ value: Int64) {
        bytes.append(BinaryPayload.Tag.int.rawValue)
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    @inline(__always)
    func writeUnsigned(_ value: UInt64) {
        bytes.append(BinaryPayload.Tag.uint.rawValue)
        writeVarint(value)
    }

    func writeString(_ value: String) {
        bytes.append(BinaryPayload.Tag.string.rawValue)
        writeRawString(value)
    }

    @inline(__always)
    func writeRawString(_ value: String) {
        var s = value
        s.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func writeBool(_ value: Bool) { bytes.append(value ? BinaryPayload.Tag.true.rawValue : BinaryPayload.Tag.false.rawValue) }

    func writeDouble(_ value: Double) {
        bytes.append(BinaryPayload.Tag.double.rawValue)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func writeFloat(_ value: Float) {
        bytes.append(BinaryPayload.Tag.float.rawValue)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func writeNil() { bytes.append(BinaryPayload.Tag.nil.rawValue) }

    /// Encodes a nested value into the open slot.
    func encodeValue<T: Encodable>(_ value: T) throws {
        let type = ObjectIdentifier(T.self)
        if type == binaryPayloadByteArrayType, let raw = value as? [UInt8] {
            // Raw bytes in one run.
            bytes.append(BinaryPayload.Tag.bytes.rawValue)
            writeVarint(UInt64(raw.count))
            bytes.append(contentsOf: raw)
            return
        }
        expectingValue = true
        if isSortedDictionary(T.self, type), let sorted = value as? any SortedDictionaryEncodable {
            try sorted.encodeSorted(into: self)
            return
        }
        try value.encode(to: self)
        if expectingValue {
            // The value wrote nothing (JSON writes `{}` for it): an empty keyed container.
            expectingValue = false
            let (depth, _) = openFrame(.keyed)
            closeFrames(downTo: depth)
        }
    }

    /// Claims the open slot for a container or single value; false (and a failure) when there is none.
    @inline(__always)
    func claimSlot() -> Bool {
        guard expectingValue else {
            fail("a value requested a second container or wrote twice")
            return false
        }
        expectingValue = false
        return true
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        guard claimSlot() else { return KeyedEncodingContainer(BinaryKeyedEncoder<Key>(state: self, depth: -1, id: 0)) }
        let (depth, id) = openFrame(.keyed)
        return KeyedEncodingContainer(BinaryKeyedEncoder<Key>(state: self, depth: depth, id: id))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        guard claimSlot() else { return BinaryUnkeyedEncoder(state: self, depth: -1, id: 0) }
        let (depth, id) = openFrame(.unkeyed)
        return BinaryUnkeyedEncoder(state: self, depth: depth, id: id)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinarySingleValueEncoder(state: self, depth: frames.count)
    }
}

/// Dictionaries encode their entries in key order (Swift's own order is randomly seeded per process).
protocol SortedDictionaryEncodable {
    func encodeSorted(into state: BinaryEncodingState) throws
}

extension Dictionary: SortedDictionaryEncodable where Key: Encodable & Comparable, Value: Encodable {
    func encodeSorted(into state: BinaryEncodingState) throws {
        guard state.claimSlot() else { return }
        let entries = sorted { $0.key < $1.key }
        if Key.self == String.self || Key.self == Int.self {
            // The layout `Dictionary.init(from:)` expects for these keys: a keyed container.
            let (depth, id) = state.openFrame(.keyed)
            for (key, value) in entries {
                state.enter(depth, id)
                state.writeRawString((key as? String) ?? "\(key)")
                try state.encodeValue(value)
            }
            state.closeFrames(downTo: depth)
        } else if Key.self is any CodingKeyRepresentable.Type {
            state.fail("dictionary keys that are CodingKeyRepresentable are not supported")
        } else {
            // Other keys: an unkeyed container of alternating keys and values.
            let (depth, id) = state.openFrame(.unkeyed)
            for (key, value) in entries {
                state.enter(depth, id)
                state.countElement(depth)
                try state.encodeValue(key)
                state.enter(depth, id)
                state.countElement(depth)
                try state.encodeValue(value)
            }
            state.closeFrames(downTo: depth)
        }
    }
}

struct BinaryKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: BinaryEncodingState
    let depth: Int
    let id: UInt32
    var codingPath: [any CodingKey] { [] }

    @inline(__always)
    private func begin(_ key: Key) {
        guard depth >= 0 else { state.fail("write to an unusable container"); return }
        state.enter(depth, id)
        state.writeRawString(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { begin(key); state.writeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { begin(key); state.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { begin(key); state.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { begin(key); state.writeDouble(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { begin(key); state.writeFloat(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { begin(key); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { begin(key); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { begin(key); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { begin(key); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { begin(key); state.writeSigned(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { begin(key); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { begin(key); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { begin(key); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { begin(key); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { begin(key); state.writeUnsigned(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        begin(key)
        try state.encodeValue(value)
    }

    // `encodeIfPresent` written out: the protocol's default implementations cost a generic
    // metadata lookup per call. Same bytes: an absent value writes nothing.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        begin(key)
        let (d, i) = state.openFrame(.keyed)
        return KeyedEncodingContainer(BinaryKeyedEncoder<NestedKey>(state: state, depth: d, id: i))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        begin(key)
        let (d, i) = state.openFrame(.unkeyed)
        return BinaryUnkeyedEncoder(state: state, depth: d, id: i)
    }

    mutating func superEncoder() -> any Encoder {
        state.fail("superEncoder is not supported")
        return state
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        state.fail("superEncoder is not supported")
        return state
    }
}

struct BinaryUnkeyedEncoder: UnkeyedEncodingContainer {
    let state: BinaryEncodingState
    let depth: Int
    let id: UInt32
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(state: BinaryEncodingState, depth: Int, id: UInt32) {
        self.state = state
        self.depth = depth
        self.id = id
    }

    @inline(__always)
    private mutating func begin() {
        guard depth >= 0 else { state.fail("write to an unusable container"); return }
        state.enter(depth, id)
        state.countElement(depth)
        count += 1
    }

    mutating func encodeNil() throws { begin(); state.writeNil() }
    mutating func encode(_ value: Bool) throws { begin(); state.writeBool(value) }
    mutating func encode(_ value: String) throws { begin(); state.writeString(value) }
    mutating func encode(_ value: Double) throws { begin(); state.writeDouble(value) }
    mutating func encode(_ value: Float) throws { begin(); state.writeFloat(value) }
    mutating func encode(_ value: Int) throws { begin(); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int8) throws { begin(); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int16) throws { begin(); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int32) throws { begin(); state.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int64) throws { begin(); state.writeSigned(value) }
    mutating func encode(_ value: UInt) throws { begin(); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { begin(); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { begin(); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { begin(); state.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { begin(); state.writeUnsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        begin()
        try state.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        begin()
        let (d, i) = state.openFrame(.keyed)
        return KeyedEncodingContainer(BinaryKeyedEncoder<NestedKey>(state: state, depth: d, id: i))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        begin()
        let (d, i) = state.openFrame(.unkeyed)
        return BinaryUnkeyedEncoder(state: state, depth: d, id: i)
    }

    mutating func superEncoder() -> any Encoder {
        state.fail("superEncoder is not supported")
        return state
    }
}

struct BinarySingleValueEncoder: SingleValueEncodingContainer {
    let state: BinaryEncodingState
    /// The frame depth when the container was requested; the value belongs to that slot.
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    @inline(__always)
    private func begin() -> Bool {
        if state.frames.count > depth { state.closeFrames(downTo: depth) }
        return state.claimSlot()
    }

    mutating func encodeNil() throws { if begin() { state.writeNil() } }
    mutating func encode(_ value: Bool) throws { if begin() { state.writeBool(value) } }
    mutating func encode(_ value: String) throws { if begin() { state.writeString(value) } }
    mutating func encode(_ value: Double) throws { if begin() { state.writeDouble(value) } }
    mutating func encode(_ value: Float) throws { if begin() { state.writeFloat(value) } }
    mutating func encode(_ value: Int) throws { if begin() { state.writeSigned(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { if begin() { state.writeSigned(Int64(value)) } }
    mutating func encode(_ value: Int16) throws { if begin() { state.writeSigned(Int64(value)) } }
    mutating func encode(_ value: Int32) throws { if begin() { state.writeSigned(Int64(value)) } }
    mutating func encode(_ value: Int64) throws { if begin() { state.writeSigned(value) } }
    mutating func encode(_ value: UInt) throws { if begin() { state.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt8) throws { if begin() { state.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt16) throws { if begin() { state.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt32) throws { if begin() { state.writeUnsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt64) throws { if begin() { state.writeUnsigned(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
        // The slot stays open for the nested value (it claims it itself).
        if state.frames.count > depth { state.closeFrames(downTo: depth) }
        guard state.expectingValue else { state.fail("a single value container wrote twice"); return }
        state.expectingValue = false
        try state.encodeValue(value)
    }
}
