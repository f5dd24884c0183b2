/// A string field of a message that keeps its strings in a `WireStringStorage`.
///
/// Eight bytes and no references: either a slice (offset, length) of the storage's copied bytes,
/// checked to be UTF-8 when it was decoded, or the index of a `String` the caller set, which the
/// storage holds. Keeping no reference here means a decoded message is destroyed (and copied)
/// without touching a reference count per field. The message exposes the field as a plain
/// `var name: String` (a computed property over this and its storage), so callers never see the
/// difference; equality compares the text, never the representation.
///
/// Slices and indices are only made by `WireDecoder.decodeString(_:into:storage:fieldCount:)` and
/// `set(_:in:fieldCount:)` and always refer to the storage they were made with. A field must be used with
/// the storage of the message it belongs to; pairing it with another message's storage is a
/// programming error that traps like an out-of-range array index (it never reads out of bounds).
public struct WireStringField: Sendable {
    /// Slice start, or the index in the storage's `owned` strings when `count == WireStringField.owned`.
    @usableFromInline var start: UInt32
    /// Slice length in bytes, or `WireStringField.owned`.
    @usableFromInline var count: UInt32

    @usableFromInline static let owned = UInt32.max

    /// The empty string (the proto3 default).
    @inlinable
    public init() {
        start = 0
        count = 0
    }

    @inlinable
    init(start: Int, count: Int) {
        self.start = UInt32(truncatingIfNeeded: start)
        self.count = UInt32(truncatingIfNeeded: count)
    }

    /// True when the field's text is held by the storage as a `String`.
    @inlinable
    var isOwned: Bool { count == WireStringField.owned }

    /// Sets the field to `value`. Reuses the field's slot in `storage` when it already owns one,
    /// so setting a field repeatedly does not grow the storage; "" needs no slot at all.
    @inlinable
    public mutating func set(_ value: String, in storage: inout WireStringStorage, fieldCount: Int) {
        if value.isEmpty {
            self = WireStringField()
        } else if isOwned {
            storage.owned[Int(start)] = value
        } else {
            if storage.owned.isEmpty { storage.owned.reserveCapacity(fieldCount) }
            start = UInt32(truncatingIfNeeded: storage.owned.count)
            count = WireStringField.owned
            storage.owned.append(value)
        }
    }

    /// The field's text. A slice is turned into a new `String` on every call (cheap for the short
    /// ids, symbols and decimals of the hot messages: no allocation up to 15 bytes).
    @inlinable
    public func string(in storage: WireStringStorage) -> String {
        if count == 0 { return "" }
        if isOwned { return storage.owned[Int(start)] }
        return String(decoding: WireStringField.checkedSlice(storage.buffer, Int(start), Int(count)), as: UTF8.self)
    }

    /// Calls `body` with the field's UTF-8 bytes, without building a `String` for a slice.
    @inlinable
    public func withUTF8<R>(in storage: WireStringStorage, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if isOwned {
            var value = storage.owned[Int(start)]
            return value.withUTF8(body)
        }
        return body(WireStringField.checkedSlice(storage.buffer, Int(start), Int(count)))
    }

    /// `buffer[start ..< start + count]`, bounds-checked in every build mode.
    @inlinable @inline(__always)
    static func checkedSlice(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> UnsafeBufferPointer<UInt8> {
        if count == 0 { return UnsafeBufferPointer(start: nil, count: 0) }
        // Holds by construction (see the type's documentation); checked so that misuse traps
        // instead of reading memory it does not own.
        precondition(start <= buffer.count &- count, "string slice outside its storage")
        return UnsafeBufferPointer(rebasing: buffer[start..<(start &+ count)])
    }

    /// True when the two fields hold the same text (`String` equality, i.e. canonical
    /// equivalence), whatever their representations.
    @inlinable
    public static func equal(_ lhs: WireStringField, in lhsStorage: WireStringStorage,
                             _ rhs: WireStringField, in rhsStorage: WireStringStorage) -> Bool {
        let sameBytes: Bool? = lhs.withUTF8(in: lhsStorage) { a in
            rhs.withUTF8(in: rhsStorage) { b in
                if a.count == b.count, a.elementsEqual(b) { return true }
                // Different bytes are different text only when both are ASCII; otherwise Unicode
                // canonical equivalence decides, as `String ==` does.
                return WireDecoder.isASCII(UnsafeRawBufferPointer(a)) && WireDecoder.isASCII(UnsafeRawBufferPointer(b))
                    ? false : nil
            }
        }
        if let sameBytes { return sameBytes }
        return lhs.string(in: lhsStorage) == rhs.string(in: rhsStorage)
    }
}
